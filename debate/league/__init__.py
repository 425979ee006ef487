"""The league layer: league files and their entries, YAML with line numbers, the stock data
files (formats, rubrics, motion packs) and the naming of local models. Imports the domain only."""

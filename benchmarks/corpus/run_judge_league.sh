#!/bin/bash
# The ballot league: start the plain (unconstrained) SmolLM2 server, run the league, stop the server.
# Usage (from the repository root, its venv active): benchmarks/corpus/run_judge_league.sh
set -u
cd "$(dirname "$0")"
mkdir -p logs
: > logs/plain-server.log
nice -n 5 python plain_smol_server.py 8765 > logs/plain-server.log 2>&1 &
srv=$!
until grep -q "plain SmolLM2 on" logs/plain-server.log; do sleep 1; done
SMOL_PLAIN_KEY=none ./run_league.sh d-judge leagues/d-judge-en.yaml
kill $srv

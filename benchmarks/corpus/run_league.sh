#!/bin/bash
# Run one recording league through the real engine path; time it.
# Usage (from the repository root, its venv active): benchmarks/corpus/run_league.sh TAG LEAGUE.yaml
set -u
cd "$(dirname "$0")"
mkdir -p db logs
tag=$1; league=$2
date +%s > logs/$tag.start
nice -n 5 debate run "$league" --db db/$tag.db > logs/$tag.out 2> logs/$tag.err
echo $? > logs/$tag.rc
date +%s > logs/$tag.end

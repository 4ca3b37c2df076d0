#!/usr/bin/env bash
# Checks the Kubernetes Indexed Job that `rota batch plan` writes against the Kubernetes
# API's own schema, with kubernetes-validate (PyPI), strictly (no unknown fields). It is a
# schema check, not a run: this project has no Kubernetes cluster to run it on.
#
#   scripts/check-kubernetes-job.sh [PLAN_FOLDER]
#
# Without a folder it plans a province of two generated counties in a temporary folder.
# kubernetes-validate is installed into .build-venv/ on first use.
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=.build-venv
if [ ! -x "$VENV/bin/kubernetes-validate" ]; then
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q kubernetes-validate
fi
PLAN=${1:-}
if [ -z "$PLAN" ]; then
  swift build -c release >/dev/null
  WORK=$(mktemp -d)
  trap 'rm -rf "$WORK"' EXIT
  for seed in 1 2; do .build/release/rota generate --size s --seed "$seed" --out "$WORK/c$seed" --quiet; done
  printf 'province: check\ncounties:\n  - { id: c1, city: a, scenario: c1/scenario.yaml }\n  - { id: c2, city: a, scenario: c2/scenario.yaml }\n' > "$WORK/p.yaml"
  .build/release/rota batch plan "$WORK/p.yaml" --out "$WORK/plan" --quiet
  PLAN=$WORK/plan
fi
"$VENV/bin/kubernetes-validate" --version
"$VENV/bin/kubernetes-validate" --strict "$PLAN/province-job.yaml"

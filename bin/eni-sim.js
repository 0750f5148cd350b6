#!/usr/bin/env node
// Launcher: the compiled CLI when the package is built, else the TypeScript sources through tsx
// (a checkout, CI). Either way the CLI's exit code becomes the process's.
"use strict";
const fs = require("node:fs");
const path = require("node:path");

const root = path.join(__dirname, "..");
const built = path.join(root, "dist", "simulator", "cli.js");
let cli;
if (fs.existsSync(built)) {
  cli = require(built);
} else {
  require("tsx/cjs");
  cli = require(path.join(root, "simulator", "cli.ts"));
}
cli.runCli(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    process.stderr.write(`eni-sim: internal error: ${err && err.stack ? err.stack : String(err)}\n`);
    process.exitCode = 2;
  },
);

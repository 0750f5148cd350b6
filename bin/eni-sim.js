#!/usr/bin/env node
// Launcher: the TypeScript sources through tsx in a checkout (so a stale dist/ left by `npm pack`
// never shadows them), else the compiled CLI of the installed package. Either way the CLI's exit
// code becomes the process's.
"use strict";
const fs = require("node:fs");
const path = require("node:path");

const root = path.join(__dirname, "..");
const source = path.join(root, "simulator", "cli.ts");
let cli;
if (fs.existsSync(source)) {
  require("tsx/cjs");
  cli = require(source);
} else {
  cli = require(path.join(root, "dist", "simulator", "cli.js"));
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

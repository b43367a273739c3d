// read-log.js - the verdict of one SARIF Multitool `validate` run.
//
//   node read-log.js LOG [PATH | --reject RULE PATH]...
//
// LOG is the SARIF log the Multitool wrote.  Each PATH it validated must
// have no result at level "error"; each --reject PATH must have errors of
// RULE and of no other rule (a fixture that proves RULE is enforced, and
// that this reader sees errors at all).  Prints one line per failure, then
// "sarif: N passed, M failed"; exits 1 when any failed.
//
// The Multitool exits 0 whatever it finds, so its log is the only verdict.
// Warnings and notes are not failures.  This reads; it writes nothing.
'use strict';

const fs = require('fs');
const path = require('path');
const url = require('url');

// Expectations from the command line: Map of absolute path -> rule id,
// or null when the file must be clean.
function parseArgs(argv) {
  const want = new Map();
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--reject' && i + 2 < argv.length) {
      want.set(path.resolve(argv[i + 2]), argv[i + 1]);
      i += 2;
    } else {
      want.set(path.resolve(argv[i]), null);
    }
  }
  return want;
}

// A result's message with the rule's template filled in, when the
// result gives only an id and arguments (the Multitool's own style).
function messageOf(run, result) {
  const m = result.message || {};
  if (m.text) return m.text;
  const rules = (run.tool && run.tool.driver && run.tool.driver.rules) || [];
  const rule = rules[result.ruleIndex] ||
    rules.find((r) => r.id === result.ruleId) || {};
  const tpl = ((rule.messageStrings || {})[m.id] || {}).text || m.id || '';
  const args = m.arguments || [];
  return tpl.replace(/\{(\d+)\}/g, (all, n) => (n < args.length ? args[n] : all));
}

// The file a result is about, as an absolute path ('' when unknown).
function fileOf(result) {
  const loc = (result.locations || [])[0] || {};
  const art = (loc.physicalLocation || {}).artifactLocation || {};
  if (!art.uri) return '';
  try {
    return art.uri.startsWith('file:') ? url.fileURLToPath(art.uri)
      : path.resolve(decodeURIComponent(art.uri));
  } catch (e) {
    return art.uri;
  }
}

function regionOf(result) {
  const loc = (result.locations || [])[0] || {};
  const r = (loc.physicalLocation || {}).region || {};
  return r.startLine ? `${r.startLine}:${r.startColumn || 1}: ` : '';
}

// Every error of the log, grouped by file: Map path -> [{rule, text}].
// Errors on no file we asked about, and a failed run, come back under ''.
function errorsByFile(log) {
  const errs = new Map();
  const add = (file, rule, text) => {
    if (!errs.has(file)) errs.set(file, []);
    errs.get(file).push({ rule, text });
  };
  for (const run of log.runs || []) {
    for (const r of run.results || []) {
      if (r.level === 'error')
        add(fileOf(r), r.ruleId, regionOf(r) + messageOf(run, r));
    }
    for (const inv of run.invocations || []) {
      for (const n of inv.toolExecutionNotifications || [])
        if (n.level === 'error')
          add('', 'tool', (n.message || {}).text || 'tool error');
      if (inv.executionSuccessful === false)
        add('', 'tool', 'the Multitool says its run failed');
    }
  }
  return errs;
}

// Judges one file; returns the failure line, or '' when it passed.
function judge(file, rule, errs) {
  const name = path.basename(file);
  const got = errs.get(file) || [];
  if (rule === null) {
    if (got.length === 0) return '';
    return got.map((e) => `FAIL ${name}: ${e.rule}: ${e.text}`).join('\n');
  }
  const others = got.filter((e) => e.rule !== rule);
  if (got.length > others.length && others.length === 0) return '';
  if (got.length === others.length)
    return `FAIL ${name}: the validator did not report ${rule}`;
  return others.map((e) => `FAIL ${name}: also ${e.rule}: ${e.text}`)
    .join('\n');
}

function main() {
  const [logPath, ...rest] = process.argv.slice(2);
  const want = parseArgs(rest);
  let errs;
  try {
    errs = errorsByFile(JSON.parse(fs.readFileSync(logPath, 'utf8')));
  } catch (e) {
    console.log(`FAIL cannot read the Multitool's log: ${e.message}`);
    console.log(`sarif: 0 passed, ${want.size || 1} failed`);
    process.exit(1);
  }
  let pass = 0;
  let fail = 0;
  for (const [file, rule] of want) {
    const why = judge(file, rule, errs);
    errs.delete(file);
    if (why) {
      console.log(why);
      fail++;
    } else {
      pass++;
    }
  }
  // Whatever is left was reported on nothing we asked about.
  for (const [file, list] of errs) {
    for (const e of list) console.log(`FAIL ${file || '(run)'}: ${e.rule}: ${e.text}`);
    fail++;
  }
  console.log(`sarif: ${pass} passed, ${fail} failed`);
  process.exit(fail ? 1 : 0);
}

main();

// Prints {"<file>": {"valid": bool, "errors": "..."}} for each ASL JSON file named on the
// command line, as asl-validator (the most used ASL linter on npm) judges it.
const fs = require("fs");
const aslValidator = require("asl-validator");

const verdicts = {};
for (const file of process.argv.slice(2)) {
  let definition;
  try {
    definition = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (error) {
    verdicts[file] = { valid: false, errors: `not JSON: ${error.message}` };
    continue;
  }
  const { isValid, errorsText } = aslValidator(definition);
  verdicts[file] = { valid: isValid, errors: isValid ? "" : errorsText("; ") };
}
process.stdout.write(JSON.stringify(verdicts, null, 1));

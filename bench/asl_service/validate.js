// The peer of bench/bench_lsp.py: the AWS Toolkit's ASL language service, in process.
// Reads {text, edits: [{offset, deleteCount, insert}], completion: offset} on stdin, applies
// the edits one by one, and times parse + doValidation for each version and doComplete at
// `completion`. Prints {validation_ms: [...], completion_ms: [...], diagnostics: [...]}.
const { getLanguageService, TextDocument } = require("amazon-states-language-service");

async function main() {
  const input = JSON.parse(require("fs").readFileSync(0, "utf8"));
  const service = getLanguageService({});
  let text = input.text;
  const validation = [];
  const completion = [];
  const counts = [];
  const measure = async (version) => {
    const document = TextDocument.create("file:///bench.asl.json", "asl", version, text);
    let start = process.hrtime.bigint();
    const json = service.parseJSONDocument(document);
    const diagnostics = await service.doValidation(document, json);
    validation.push(Number(process.hrtime.bigint() - start) / 1e6);
    counts.push(diagnostics.length);
    start = process.hrtime.bigint();
    const position = document.positionAt(input.completion);
    const items = await service.doComplete(document, position, service.parseJSONDocument(document));
    completion.push(Number(process.hrtime.bigint() - start) / 1e6);
    return items;
  };
  await measure(1); // warm-up: the first call compiles the schema
  validation.length = 0;
  completion.length = 0;
  counts.length = 0;
  const cpuBefore = process.cpuUsage();
  let version = 2;
  for (const edit of input.edits) {
    text = text.slice(0, edit.offset) + edit.insert + text.slice(edit.offset + edit.deleteCount);
    await measure(version++);
  }
  const cpu = process.cpuUsage(cpuBefore);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  process.stdout.write(
    JSON.stringify({ validation_ms: validation, completion_ms: completion, diagnostics: counts, cpu_ms: cpuMs }),
  );
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

// Turns kubernetes-validate's schemas (refs to one shared /api/_definitions.json) into standalone files kubeconform can compile.
// Usage: node scripts/standalone-k8s-schemas.js <source dir> <target dir>. Each file gets only the definitions it reaches.
const fs = require('node:fs');
const path = require('node:path');

const [source, target] = process.argv.slice(2);
if (!source || !target) throw new Error('usage: standalone-k8s-schemas.js <source dir> <target dir>');
const definitions = JSON.parse(fs.readFileSync(path.join(source, '_definitions.json'), 'utf8')).$defs;
const refPattern = /"\$ref":\s*"(?:\/api\/_definitions\.json)?#\/\$defs\/([^"]+)"/g;
fs.mkdirSync(target, { recursive: true });
let written = 0;
for (const file of fs.readdirSync(source)) {
  if (file === '_definitions.json' || !file.endsWith('.json')) continue;
  const text = fs.readFileSync(path.join(source, file), 'utf8');
  const needed = new Set();
  const pending = [text];
  while (pending.length > 0) {
    for (const match of pending.pop().matchAll(refPattern)) {
      if (needed.has(match[1])) continue;
      needed.add(match[1]);
      pending.push(JSON.stringify(definitions[match[1]]));
    }
  }
  const schema = JSON.parse(text.replace(/"\/api\/_definitions\.json#/g, '"#'));
  schema.$defs = Object.fromEntries([...needed].map((name) => [name, definitions[name]]));
  fs.writeFileSync(path.join(target, file), JSON.stringify(schema));
  written += 1;
}
console.log(`setup: ${written} standalone schemas in ${target}`);

// Puts each page's .wxml/.wxss/.json beside its compiled .js under build/, where
// miniprogram-simulate expects to find them (it loads a page by its path without extension).
const fs = require('fs');
const path = require('path');

const root = path.join(__dirname, '..');
const ASSETS = new Set(['.wxml', '.wxss', '.json']);

function copyAssets(from, to) {
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    const source = path.join(from, entry.name);
    const target = path.join(to, entry.name);
    if (entry.isDirectory()) {
      copyAssets(source, target);
    } else if (ASSETS.has(path.extname(entry.name))) {
      fs.mkdirSync(to, { recursive: true });
      fs.copyFileSync(source, target);
    }
  }
}

copyAssets(path.join(root, 'app'), path.join(root, 'build', 'app'));

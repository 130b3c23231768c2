// A fresh build/ each time: a deleted test must not keep running from an old compile.
require('fs').rmSync(require('path').join(__dirname, '..', 'build'), { recursive: true, force: true });

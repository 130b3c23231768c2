// Two suites over the compiled build/ (npm run build): the pages rendered by miniprogram-simulate in
// jsdom, and the end-to-end suite in plain Node against a running local stack.
module.exports = {
  projects: [
    {
      displayName: 'pages',
      testEnvironment: 'jsdom',
      roots: ['<rootDir>/build/test'],
      testMatch: ['**/*.test.js'],
    },
    {
      displayName: 'e2e',
      testEnvironment: 'node',
      roots: ['<rootDir>/build/e2e'],
      testMatch: ['**/*.test.js'],
    },
  ],
};

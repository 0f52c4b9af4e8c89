import { chromium } from 'playwright-core';
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const p = await b.newPage();
await p.goto(process.argv[2] + process.argv[3]);
console.log(process.argv[3], process.argv[4], await p.evaluate(() => [document.querySelectorAll('*').length, document.querySelectorAll('.open-lines li').length]));
await b.close();

// dump.js prints cnchar-order's data as JSON for the Go generator beside it:
// {"orders": {"陈": "wfjngsk", …}, "strokes": {"w": {"name": …, "type": …}, …}}.
// orders maps a character to its strokes in writing order, one letter each;
// strokes says what each letter is (its name, 平笔 or 折笔).
'use strict';
const order = require('cnchar-order');
const version = require('cnchar-order/package.json').version;
process.stdout.write(JSON.stringify({
  version,
  orders: order.dict.orders,
  strokes: order.dict.strokeTable,
}));

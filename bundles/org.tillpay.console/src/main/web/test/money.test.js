// Money conversions, checked with node's own test runner (npm test).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatMoney, majorText, toMinor, vatIncluded } from '../src/money.js';

test('major units as typed become exact minor units', () => {
  assert.equal(toMinor('299.00'), 29900);
  assert.equal(toMinor('299'), 29900);
  assert.equal(toMinor('299.5'), 29950);
  assert.equal(toMinor('0.29'), 29);
  assert.equal(toMinor('0.1'), 10);
  assert.equal(toMinor('1 299,90'), 129990);
  assert.equal(toMinor(' 19.99 '), 1999);
  assert.equal(toMinor('1.'), 100);
});

test('what is not a price is refused', () => {
  for (const bad of ['', ' ', 'abc', '-5', '1.999', '1e3', '12.3.4', '.5', '1,299.90', '1234567890', null, undefined]) {
    assert.equal(toMinor(bad), null, `${bad}`);
  }
});

test('minor units show as major units with two decimals', () => {
  assert.equal(majorText(29900), '299.00');
  assert.equal(majorText(5), '0.05');
  assert.equal(majorText(0), '0.00');
  assert.equal(majorText(-150), '-1.50');
  assert.equal(formatMoney(59800, 'NOK'), '598.00 NOK');
  assert.equal(formatMoney(null, 'NOK'), '–');
});

test('VAT included in a price is counted as the server counts it (half up)', () => {
  assert.equal(vatIncluded(29900, 25), 5980);
  assert.equal(vatIncluded(10000, 15), 1304); // 1304.35
  assert.equal(vatIncluded(10000, 12), 1071); // 1071.43
  assert.equal(vatIncluded(10000, 0), 0);
  assert.equal(vatIncluded(1, 25), 0); // 0.2
  assert.equal(vatIncluded(5, 25), 1); // exactly 1
  assert.equal(vatIncluded(2, 25), 0); // 0.4
  assert.equal(vatIncluded(1000000005, 25), 200000001); // 200000001.0
  assert.equal(vatIncluded(125, 25), 25);
  assert.equal(vatIncluded(112, 12), 12);
  assert.equal(vatIncluded(56, 12), 6); // 6.0
  assert.equal(vatIncluded(28, 12), 3); // 3.0
  assert.equal(vatIncluded(14, 12), 2); // 1.5 → 2
});

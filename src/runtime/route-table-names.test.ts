import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseRouteTables } from './route-table-names.js';

describe('parseRouteTables', () => {
  it('reads "NUMBER NAME" lines, skipping comments, blank and malformed lines', () => {
    const text = '#\n# reserved values\n#\n255\tlocal\n254\tmain\n\n100 vips # the VIP table\n0x10 hex\nbogus line\n';
    assert.deepEqual([...parseRouteTables(text)], [['local', 255], ['main', 254], ['vips', 100], ['hex', 16]]);
  });
});

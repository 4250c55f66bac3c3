import { selectDataMap } from '../../../../shared/sql/gdpr-data-map.ts';
import { defineAction } from '../../_shared/action.ts';

export const getDataMap = defineAction({
  name: 'get_data_map',
  summary:
    'The data map: personal-data tables, subject column, basis, retention, erasure per column.',
  access: 'admin',
  input: {},
  async handler(_input, { sql }) {
    return { tables: await selectDataMap(sql) };
  },
});

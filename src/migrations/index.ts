import * as migration_20261124_045759_initial from './20261124_045759_initial';

export const migrations = [
  {
    up: migration_20261124_045759_initial.up,
    down: migration_20261124_045759_initial.down,
    name: '20261124_045759_initial'
  },
];

import * as migration_20261124_050425_initial from './20261124_050425_initial';

export const migrations = [
  {
    up: migration_20261124_050425_initial.up,
    down: migration_20261124_050425_initial.down,
    name: '20261124_050425_initial'
  },
];

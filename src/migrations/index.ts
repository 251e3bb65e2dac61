import * as migration_20261124_050723_initial from './20261124_050723_initial';
import * as migration_20261124_050724_constraints from './20261124_050724_constraints';

export const migrations = [
  {
    up: migration_20261124_050723_initial.up,
    down: migration_20261124_050723_initial.down,
    name: '20261124_050723_initial'
  },
  {
    up: migration_20261124_050724_constraints.up,
    down: migration_20261124_050724_constraints.down,
    name: '20261124_050724_constraints'
  },
];

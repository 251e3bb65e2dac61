import * as migration_20261124_050723_initial from './20261124_050723_initial';
import * as migration_20261124_050724_constraints from './20261124_050724_constraints';
import * as migration_20261124_051853_payment_tasks from './20261124_051853_payment_tasks';
import * as migration_20261124_052600_reminder_worker_indexes from './20261124_052600_reminder_worker_indexes';
import * as migration_20261130_023458_reminder_batches from './20261130_023458_reminder_batches';
import * as migration_20261130_023500_reminder_batch_indexes from './20261130_023500_reminder_batch_indexes';
import * as migration_20261130_025620_reminder_log_indexes from './20261130_025620_reminder_log_indexes';
import * as migration_20261130_031329_proposals_without_locks from './20261130_031329_proposals_without_locks';
import * as migration_20261130_032226_reminder_log_status_index from './20261130_032226_reminder_log_status_index';
import * as migration_20261201_212158_action_pipeline_events from './20261201_212158_action_pipeline_events';
import * as migration_20261201_212159_event_constraints from './20261201_212159_event_constraints';
import * as migration_20261201_212200_metric_counters from './20261201_212200_metric_counters';
import * as migration_20261201_212201_auth_throttle from './20261201_212201_auth_throttle';
import * as migration_20261201_222438_auth_no_lockout from './20261201_222438_auth_no_lockout';
import * as migration_20261201_234245_assignment_label_kpi_snapshots from './20261201_234245_assignment_label_kpi_snapshots';
import * as migration_20261201_234246_assignment_label_backfill from './20261201_234246_assignment_label_backfill';
import * as migration_20261201_235143_webhooks from './20261201_235143_webhooks';
import * as migration_20261201_235144_webhook_tables from './20261201_235144_webhook_tables';
import * as migration_20261202_180126_visit_day from './20261202_180126_visit_day';
import * as migration_20261202_180601_attendance_event from './20261202_180601_attendance_event';
import * as migration_20261202_181000_one_tap_claims from './20261202_181000_one_tap_claims';
import * as migration_20261202_182135_notification_preferences from './20261202_182135_notification_preferences';
import * as migration_20261203_154500_reminder_logs_room_for_hot from './20261203_154500_reminder_logs_room_for_hot';
import * as migration_20261207_234335_credentials_and_visit_day_taps from './20261207_234335_credentials_and_visit_day_taps';

export const migrations = [
  {
    up: migration_20261124_050723_initial.up,
    down: migration_20261124_050723_initial.down,
    name: '20261124_050723_initial',
  },
  {
    up: migration_20261124_050724_constraints.up,
    down: migration_20261124_050724_constraints.down,
    name: '20261124_050724_constraints',
  },
  {
    up: migration_20261124_051853_payment_tasks.up,
    down: migration_20261124_051853_payment_tasks.down,
    name: '20261124_051853_payment_tasks',
  },
  {
    up: migration_20261124_052600_reminder_worker_indexes.up,
    down: migration_20261124_052600_reminder_worker_indexes.down,
    name: '20261124_052600_reminder_worker_indexes',
  },
  {
    up: migration_20261130_023458_reminder_batches.up,
    down: migration_20261130_023458_reminder_batches.down,
    name: '20261130_023458_reminder_batches',
  },
  {
    up: migration_20261130_023500_reminder_batch_indexes.up,
    down: migration_20261130_023500_reminder_batch_indexes.down,
    name: '20261130_023500_reminder_batch_indexes',
  },
  {
    up: migration_20261130_025620_reminder_log_indexes.up,
    down: migration_20261130_025620_reminder_log_indexes.down,
    name: '20261130_025620_reminder_log_indexes',
  },
  {
    up: migration_20261130_031329_proposals_without_locks.up,
    down: migration_20261130_031329_proposals_without_locks.down,
    name: '20261130_031329_proposals_without_locks',
  },
  {
    up: migration_20261130_032226_reminder_log_status_index.up,
    down: migration_20261130_032226_reminder_log_status_index.down,
    name: '20261130_032226_reminder_log_status_index',
  },
  {
    up: migration_20261201_212158_action_pipeline_events.up,
    down: migration_20261201_212158_action_pipeline_events.down,
    name: '20261201_212158_action_pipeline_events',
  },
  {
    up: migration_20261201_212159_event_constraints.up,
    down: migration_20261201_212159_event_constraints.down,
    name: '20261201_212159_event_constraints',
  },
  {
    up: migration_20261201_212200_metric_counters.up,
    down: migration_20261201_212200_metric_counters.down,
    name: '20261201_212200_metric_counters',
  },
  {
    up: migration_20261201_212201_auth_throttle.up,
    down: migration_20261201_212201_auth_throttle.down,
    name: '20261201_212201_auth_throttle',
  },
  {
    up: migration_20261201_222438_auth_no_lockout.up,
    down: migration_20261201_222438_auth_no_lockout.down,
    name: '20261201_222438_auth_no_lockout',
  },
  {
    up: migration_20261201_234245_assignment_label_kpi_snapshots.up,
    down: migration_20261201_234245_assignment_label_kpi_snapshots.down,
    name: '20261201_234245_assignment_label_kpi_snapshots',
  },
  {
    up: migration_20261201_234246_assignment_label_backfill.up,
    down: migration_20261201_234246_assignment_label_backfill.down,
    name: '20261201_234246_assignment_label_backfill',
  },
  {
    up: migration_20261201_235143_webhooks.up,
    down: migration_20261201_235143_webhooks.down,
    name: '20261201_235143_webhooks',
  },
  {
    up: migration_20261201_235144_webhook_tables.up,
    down: migration_20261201_235144_webhook_tables.down,
    name: '20261201_235144_webhook_tables',
  },
  {
    up: migration_20261202_180126_visit_day.up,
    down: migration_20261202_180126_visit_day.down,
    name: '20261202_180126_visit_day',
  },
  {
    up: migration_20261202_180601_attendance_event.up,
    down: migration_20261202_180601_attendance_event.down,
    name: '20261202_180601_attendance_event',
  },
  {
    up: migration_20261202_181000_one_tap_claims.up,
    down: migration_20261202_181000_one_tap_claims.down,
    name: '20261202_181000_one_tap_claims',
  },
  {
    up: migration_20261202_182135_notification_preferences.up,
    down: migration_20261202_182135_notification_preferences.down,
    name: '20261202_182135_notification_preferences',
  },
  {
    up: migration_20261203_154500_reminder_logs_room_for_hot.up,
    down: migration_20261203_154500_reminder_logs_room_for_hot.down,
    name: '20261203_154500_reminder_logs_room_for_hot',
  },
  {
    up: migration_20261207_234335_credentials_and_visit_day_taps.up,
    down: migration_20261207_234335_credentials_and_visit_day_taps.down,
    name: '20261207_234335_credentials_and_visit_day_taps'
  },
];

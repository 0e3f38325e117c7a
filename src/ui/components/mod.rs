//! Small shared widgets.

pub mod card;
pub mod code_missing;
pub mod conflict_choices;
pub mod dialog;
pub mod fields;
pub mod form;
pub mod import;
pub mod keyed;
pub mod lock;
pub mod meter;
pub mod new_plan;
pub mod notices;
pub mod pager;
pub mod plan_row;
pub mod power_chart;
pub mod problems;
pub mod save_status;
pub mod send;
pub mod step_frame;

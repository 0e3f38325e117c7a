//! What every screen uses and none owns: the page itself (focus, title, printing, narrow
//! layouts), dates and sizes in words, error texts, and the words for the plan's values.
//!
//! Steps and widgets take these from here, never from the shell (`ui/`), and a widget never
//! takes them from a step: so no step knows the shell, no widget knows a step, and the steps
//! know each other only through the plan.

pub mod dom;
pub mod format;
pub mod labels;
pub mod messages;

//! The plan's small enums (a status, a place on the spectrum, a block…) written once as a
//! table: each value with its name in files and form values, or with the field it names.

/// Gives an enum its values in order (`ALL`), each value's name in files and form values
/// (`as_str`, the same as serde's), and the value a name stands for (`parse`).
macro_rules! named_enum {
    ($e:ident { $($v:ident => $name:literal),+ $(,)? }) => {
        impl $e {
            /// Every value, in the order the app lists them.
            pub const ALL: [$e; [$($name),+].len()] = [$($e::$v),+];

            /// The name used in files and form values.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($e::$v => $name),+
                }
            }

            pub fn parse(s: &str) -> Option<$e> {
                Self::ALL.into_iter().find(|x| x.as_str() == s)
            }
        }
    };
}
pub(crate) use named_enum;

/// Gives an enum whose variants each name one field of a struct (the five qualities, the
/// five blocks, the six equity dimensions): `ALL` in order, the field's name in files and
/// element ids (`key`), and the field itself (`of`, `of_mut`).
macro_rules! field_enum {
    ($e:ident in $s:ty => $f:ty { $($v:ident => $field:ident),+ $(,)? }) => {
        impl $e {
            pub const ALL: [$e; [$(stringify!($v)),+].len()] = [$($e::$v),+];

            pub fn key(self) -> &'static str {
                match self {
                    $($e::$v => stringify!($field)),+
                }
            }

            pub fn of(self, x: &$s) -> &$f {
                match self {
                    $($e::$v => &x.$field),+
                }
            }

            pub fn of_mut(self, x: &mut $s) -> &mut $f {
                match self {
                    $($e::$v => &mut x.$field),+
                }
            }
        }
    };
}
pub(crate) use field_enum;

/// The value `by` steps from `all[at]` (negative is toward the start), stopping at the ends.
pub fn shifted<T: Copy>(all: &[T], at: usize, by: i32) -> T {
    let last = all.len().saturating_sub(1) as i32;
    all[(at as i32 + by).clamp(0, last) as usize]
}

#[cfg(test)]
mod tests {
    use serde::Serialize;

    use crate::domain::action::{Status, TaskSort};
    use crate::domain::activities::{ActivityKind, Stage};
    use crate::domain::foundations::{Blocks, Qualities, Rating};
    use crate::domain::goals::{Impact, Letter};
    use crate::domain::partners::{Commitment, Continuum};
    use crate::domain::power::{Influence, Position, StakeholderKind, StakeholderSort};

    /// Each value reads back from its name, and nothing else reads as one.
    fn reads_back<T: Copy + PartialEq + std::fmt::Debug>(
        all: &[T],
        name: fn(T) -> &'static str,
        parse: fn(&str) -> Option<T>,
    ) {
        for &v in all {
            assert_eq!(parse(name(v)), Some(v));
        }
        assert_eq!(parse("no such name"), None);
    }

    /// And its name is its name in files.
    fn named_as_in_files<T: Copy + PartialEq + std::fmt::Debug + Serialize>(
        all: &[T],
        name: fn(T) -> &'static str,
        parse: fn(&str) -> Option<T>,
    ) {
        reads_back(all, name, parse);
        for &v in all {
            assert_eq!(
                serde_json::to_value(v).ok(),
                Some(serde_json::Value::from(name(v))),
                "{v:?}"
            );
        }
    }

    #[test]
    fn every_value_reads_back_from_its_name_which_is_its_name_in_files() {
        named_as_in_files(&Status::ALL, Status::as_str, Status::parse);
        named_as_in_files(
            &ActivityKind::ALL,
            ActivityKind::as_str,
            ActivityKind::parse,
        );
        named_as_in_files(&Stage::ALL, Stage::as_str, Stage::parse);
        named_as_in_files(&Rating::ALL, Rating::as_str, Rating::parse);
        named_as_in_files(&Impact::ALL, Impact::as_str, Impact::parse);
        named_as_in_files(&Continuum::ALL, Continuum::as_str, Continuum::parse);
        named_as_in_files(&Commitment::ALL, Commitment::as_str, Commitment::parse);
        named_as_in_files(&Position::ALL, Position::as_str, Position::parse);
        named_as_in_files(&Influence::ALL, Influence::as_str, Influence::parse);
        named_as_in_files(
            &StakeholderKind::ALL,
            StakeholderKind::as_str,
            StakeholderKind::parse,
        );
        // Not in files: the sorts and the coach's letters.
        reads_back(&TaskSort::ALL, TaskSort::as_str, TaskSort::parse);
        reads_back(
            &StakeholderSort::ALL,
            StakeholderSort::as_str,
            StakeholderSort::parse,
        );
        reads_back(&Letter::ALL, Letter::as_str, Letter::parse);
    }

    #[test]
    fn every_field_enum_names_a_field_of_its_struct() {
        use crate::domain::foundations::{Block, Quality};
        let q = serde_json::to_value(Qualities::default()).unwrap_or_default();
        for quality in Quality::ALL {
            assert!(q.get(quality.key()).is_some(), "{}", quality.key());
        }
        let b = serde_json::to_value(Blocks::default()).unwrap_or_default();
        for block in Block::ALL {
            assert!(b.get(block.key()).is_some(), "{}", block.key());
        }
    }
}

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

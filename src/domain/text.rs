//! Small text rules shared by every section.

/// Limits that keep one plan well inside a browser's storage and a file readable.
pub const MAX_LINE: usize = 200;
pub const MAX_PARAGRAPH: usize = 5_000;
pub const MAX_NOTES: usize = 50_000;

/// One line of text: control characters and line breaks become single spaces, the ends are
/// trimmed. Used for names, where a pasted line break would only confuse the library.
pub fn clean_line(input: &str) -> String {
    let mut out = String::with_capacity(input.len());
    let mut pending_space = false;
    for ch in input.chars() {
        if ch.is_whitespace() || ch.is_control() {
            pending_space = !out.is_empty();
        } else {
            if pending_space {
                out.push(' ');
                pending_space = false;
            }
            out.push(ch);
        }
    }
    out
}

/// The first `max` characters of `s`.
pub fn truncate_chars(s: &str, max: usize) -> &str {
    match s.char_indices().nth(max) {
        Some((i, _)) => &s[..i],
        None => s,
    }
}

/// Length as people count it (Unicode scalar values), not bytes.
pub fn char_len(s: &str) -> usize {
    s.chars().count()
}

/// A file-name-safe version of a plan name: letters, digits, dashes; never empty.
pub fn file_stem(name: &str, fallback: &str) -> String {
    let mut out = String::new();
    let mut dash = false;
    for ch in name.chars() {
        if ch.is_alphanumeric() {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            out.push(ch.to_ascii_lowercase());
        } else {
            dash = true;
        }
        if out.chars().count() >= 60 {
            break;
        }
    }
    if out.is_empty() {
        fallback.to_owned()
    } else {
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_line_collapses_breaks_and_controls() {
        assert_eq!(clean_line("  a\n\tb\u{0007}c  "), "a b c");
        assert_eq!(clean_line(""), "");
    }

    #[test]
    fn file_stems_are_safe_and_never_empty() {
        assert_eq!(
            file_stem("Eastside Tenants' Union!", "plan"),
            "eastside-tenants-union"
        );
        assert_eq!(file_stem("../../etc/passwd", "plan"), "etc-passwd");
        assert_eq!(file_stem("<img src=x>", "plan"), "img-src-x");
        assert_eq!(file_stem("***", "plan"), "plan");
        assert_eq!(file_stem("Coalición Río", "plan"), "coalición-río");
        assert_eq!(
            file_stem("ÉQUIPE", "plan"),
            "Équipe",
            "only ASCII letters are lowered"
        );
    }

    #[test]
    fn char_len_counts_characters() {
        assert_eq!(char_len("río"), 3);
    }
}

/// The text fields named, each with its name in files: `texts! { item; what, notes }` is
/// `[("what", item.what.as_str()), ("notes", item.notes.as_str())]`.
macro_rules! texts {
    ($x:expr; $($f:ident),+ $(,)?) => {
        [$((stringify!($f), $x.$f.as_str())),+]
    };
}
pub(crate) use texts;

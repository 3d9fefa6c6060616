//! The canonical document-control fields: the one list of the names smslint's checks key on,
//! and what each check may assume about a field's value. How documents *write* a field (its
//! labels), which fields are required and which words a value may take are the pack's and the
//! configuration's (`[document-control]` in `rules/iso20000-1-2018/document-control.toml`);
//! what a field *means* to a check (a date, a role, a review field) is fixed here, because the
//! check code that reads it is. Pure data.

/// What a check may assume about a field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Trait {
    /// One value: a list or mapping is an error (SMS204).
    Single,
    /// A calendar date: checked as one (SMS205), and a trailing `(UTC)` annotation of a label
    /// line or table cell is not part of it.
    Date,
    /// Part of a review record: required on approved documents only when their type is
    /// reviewed at all (a record or report is evidence of a moment).
    Review,
    /// A role that the roles register must define (SMS404).
    Role,
    /// Only document control carries it: a two-column table naming it is a document-control
    /// table (a table of `ID | Name | Version` rows may describe anything, so `id` is not one).
    ControlOnly,
}

/// One canonical field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Field {
    /// The canonical name (`last_reviewed`), which `[document-control.fields]` maps to a
    /// repository's own key.
    pub name: &'static str,
    /// What checks assume about it.
    pub traits: &'static [Trait],
}

impl Field {
    /// Whether the field has `t`.
    pub fn is(&self, t: Trait) -> bool {
        self.traits.contains(&t)
    }
}

use Trait::{ControlOnly, Date, Review, Role, Single};

/// Every canonical field, in the order proposals and help texts list them.
pub const FIELDS: &[Field] = &[
    f("id", &[Single]),
    f("title", &[Single]),
    f("type", &[Single]),
    f("owner", &[Single, Role, ControlOnly]),
    f("approver", &[Single, Role, ControlOnly]),
    f("author", &[]),
    f("version", &[Single]),
    f("status", &[Single, ControlOnly]),
    f("classification", &[ControlOnly]),
    f("distribution", &[]),
    f("clauses", &[]),
    f("effective", &[Date, ControlOnly]),
    f("last_reviewed", &[Date, Review, ControlOnly]),
    f("review_cycle", &[Single, Review, ControlOnly]),
    f("next_review", &[Date, Review, ControlOnly]),
    f("satisfies", &[]),
    f("related", &[]),
    f("supersedes", &[]),
    f("standard", &[]),
];

const fn f(name: &'static str, traits: &'static [Trait]) -> Field {
    Field { name, traits }
}

/// The names of [`FIELDS`], in order (for `contains` and help texts).
pub const NAMES: [&str; FIELDS.len()] = {
    let mut out = [""; FIELDS.len()];
    let mut i = 0;
    while i < FIELDS.len() {
        out[i] = FIELDS[i].name;
        i += 1;
    }
    out
};

/// The canonical field called `name`.
pub fn get(name: &str) -> Option<&'static Field> {
    FIELDS.iter().find(|f| f.name == name)
}

/// Whether `name` is a canonical field with trait `t`.
pub fn has(name: &str, t: Trait) -> bool {
    get(name).is_some_and(|f| f.is(t))
}

/// The names of the fields with trait `t`, in order.
pub fn with(t: Trait) -> impl Iterator<Item = &'static str> {
    FIELDS.iter().filter(move |f| f.is(t)).map(|f| f.name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_and_in_table_order() {
        let mut seen = std::collections::HashSet::new();
        assert!(NAMES.iter().all(|n| seen.insert(*n)), "{NAMES:?}");
        assert_eq!(NAMES[0], "id");
        assert_eq!(NAMES.len(), FIELDS.len());
    }

    #[test]
    fn traits_name_the_fields_the_checks_key_on() {
        assert_eq!(
            with(Date).collect::<Vec<_>>(),
            ["effective", "last_reviewed", "next_review"]
        );
        assert_eq!(with(Role).collect::<Vec<_>>(), ["owner", "approver"]);
        assert_eq!(
            with(Review).collect::<Vec<_>>(),
            ["last_reviewed", "review_cycle", "next_review"]
        );
        assert!(has("review_cycle", Single) && !has("author", Single) && !has("nope", Single));
        assert!(!has("id", ControlOnly) && has("classification", ControlOnly));
    }
}

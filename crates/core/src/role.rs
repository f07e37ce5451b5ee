//! Newsroom roles and what each may do, as WordPress newsrooms know them.

use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Contributor,
    Author,
    Editor,
    Administrator,
}

/// Something a role may be allowed to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Capability {
    /// Enter the newsroom at all.
    UseNewsroom,
    /// Write and edit one's own drafts.
    WriteOwn,
    /// Publish (or schedule) one's own articles.
    PublishOwn,
    /// Edit, publish and unpublish anyone's articles.
    EditOthers,
    /// Upload to and describe items of the media library.
    UploadMedia,
    /// Moderate comments.
    Moderate,
    /// Manage users and site settings.
    Administer,
}

impl Role {
    pub const ALL: [Role; 4] = [
        Role::Administrator,
        Role::Editor,
        Role::Author,
        Role::Contributor,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Contributor => "contributor",
            Role::Author => "author",
            Role::Editor => "editor",
            Role::Administrator => "administrator",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Role::Contributor => "Contributor",
            Role::Author => "Author",
            Role::Editor => "Editor",
            Role::Administrator => "Administrator",
        }
    }

    pub fn parse(text: &str) -> Option<Role> {
        match text.trim().to_ascii_lowercase().as_str() {
            "contributor" => Some(Role::Contributor),
            "author" => Some(Role::Author),
            "editor" => Some(Role::Editor),
            "administrator" | "admin" => Some(Role::Administrator),
            _ => None,
        }
    }

    pub fn can(self, capability: Capability) -> bool {
        use Capability::*;
        match capability {
            UseNewsroom | WriteOwn => true,
            PublishOwn | UploadMedia => self >= Role::Author,
            EditOthers | Moderate => self >= Role::Editor,
            Administer => self == Role::Administrator,
        }
    }
}

/// Whether `user_id` with `role` may re-describe or delete a media item uploaded by
/// `uploaded_by`: editors and administrators any item, authors only their own (a photo
/// an editor chose for a story is not theirs to change).
pub fn may_change_media(role: Role, user_id: i64, uploaded_by: Option<i64>) -> bool {
    role.can(Capability::EditOthers)
        || (role.can(Capability::UploadMedia) && uploaded_by == Some(user_id))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn capabilities_grow_with_the_role() {
        assert!(!Role::Contributor.can(Capability::PublishOwn));
        assert!(!Role::Contributor.can(Capability::UploadMedia));
        assert!(Role::Author.can(Capability::PublishOwn));
        assert!(Role::Author.can(Capability::UploadMedia));
        assert!(!Role::Author.can(Capability::EditOthers));
        assert!(Role::Editor.can(Capability::EditOthers));
        assert!(Role::Editor.can(Capability::Moderate));
        assert!(!Role::Editor.can(Capability::Administer));
        assert!(Role::Administrator.can(Capability::Administer));
        for role in Role::ALL {
            assert_eq!(Role::parse(role.as_str()), Some(role));
        }
    }

    #[test]
    fn authors_change_only_their_own_media() {
        assert!(may_change_media(Role::Author, 7, Some(7)));
        assert!(!may_change_media(Role::Author, 7, Some(8)));
        assert!(!may_change_media(Role::Author, 7, None));
        assert!(!may_change_media(Role::Contributor, 7, Some(7)));
        assert!(may_change_media(Role::Editor, 7, Some(8)));
        assert!(may_change_media(Role::Administrator, 7, None));
    }
}

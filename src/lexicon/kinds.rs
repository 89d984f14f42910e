//! The closed values the word classes give: the role a verb of attending gives a person, the
//! kind of unit a suffix names, the part of the day a time word names. The facts extraction
//! reads carry them, and the store writes them as the words the contract views show.

/// When in the day an event took place (上午, 中午, 下午, 晚上).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TimeOfDay {
    Morning,
    Noon,
    Afternoon,
    Evening,
}

impl TimeOfDay {
    /// As stored: `morning`, `noon`, `afternoon`, `evening`.
    pub fn as_str(self) -> &'static str {
        match self {
            TimeOfDay::Morning => "morning",
            TimeOfDay::Noon => "noon",
            TimeOfDay::Afternoon => "afternoon",
            TimeOfDay::Evening => "evening",
        }
    }
}

/// The part an event's participant plays, as a verb of attending gives it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Role {
    Chair,
    Attendee,
    Host,
    Guest,
    Witness,
    Signer,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Chair => "chair",
            Role::Attendee => "attendee",
            Role::Host => "host",
            Role::Guest => "guest",
            Role::Witness => "witness",
            Role::Signer => "signer",
        }
    }
}

/// The kind of unit a unit's suffix names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnitKind {
    District,
    Commission,
    Bureau,
    Other,
}

impl UnitKind {
    pub fn as_str(self) -> &'static str {
        match self {
            UnitKind::District => "district",
            UnitKind::Commission => "commission",
            UnitKind::Bureau => "bureau",
            UnitKind::Other => "other",
        }
    }
}

//! Randomness and vocabulary shared by the templates' placeholders.

// ---------------------------------------------------------------- randomness

pub(super) struct Rng(pub(super) u64);
impl Rng {
    pub(super) fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    pub(super) fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
    pub(super) fn range(&mut self, lo: u32, hi: u32) -> u32 {
        lo + (self.next() % u64::from(hi - lo + 1)) as u32
    }
    pub(super) fn chance(&mut self, pct: u64) -> bool {
        self.next() % 1000 < pct * 10
    }
    pub(super) fn pick<T: Copy>(&mut self, s: &[T]) -> T {
        s[self.below(s.len())]
    }
    pub(super) fn shuffled<T: Copy>(&mut self, s: &[T]) -> Vec<T> {
        let mut v = s.to_vec();
        for i in (1..v.len()).rev() {
            let j = self.below(i + 1);
            v.swap(i, j);
        }
        v
    }
}

// ---------------------------------------------------------------- vocabulary

pub(super) const FIRST: &[&str] = &[
    "Maria", "James", "Aisha", "Wei", "Carlos", "Eleanor", "Darnell", "Sofia", "Raj", "Miriam",
    "Tomasz", "Keisha", "Hiroshi", "Beatriz", "Kwame", "Greta", "Omar", "Lucia", "Desmond", "Yael",
    "Nikhil", "Rosa", "Gideon", "Fatima", "Declan", "Mei", "Andre", "Svetlana", "Malik", "Colette",
    "Ezra", "Adaeze", "Franklin", "Noor", "Ivan", "Paloma", "Tobias", "Renata", "Samuel", "Anjali",
];
pub(super) const LAST: &[&str] = &[
    "Okonjo",
    "Feldman",
    "Restrepo",
    "Caldwell",
    "Nakamura",
    "Ferreira",
    "Quintero",
    "Lindgren",
    "Osei",
    "Brannigan",
    "Kowalczyk",
    "Haddad",
    "Marchand",
    "Vasquez-Orr",
    "Pemberton",
    "Achterberg",
    "Tran",
    "Szabo",
    "Oyelaran",
    "Whitfield",
    "Abramovich",
    "Iyer",
    "Mendelsohn",
    "Rinaldi",
    "Sato",
    "Bhattacharya",
    "Kincaid",
    "Duvall",
    "Adeleke",
    "Yilmaz",
    "Solberg",
    "Kaczmarek",
    "Holloway",
    "Benedetto",
    "Tanaka-Reed",
    "Lachance",
    "Ogunleye",
    "Petrakis",
    "Galloway-Shah",
    "Montrose",
];
pub(super) const PLACES: &[(&str, &str, [&str; 2])] = &[
    (
        "Astoria",
        "Queens",
        ["Steinway Street", "Ditmars Boulevard"],
    ),
    (
        "Jackson Heights",
        "Queens",
        ["Roosevelt Avenue", "37th Avenue"],
    ),
    ("Flushing", "Queens", ["Main Street", "Roosevelt Avenue"]),
    ("Ridgewood", "Queens", ["Myrtle Avenue", "Fresh Pond Road"]),
    (
        "Far Rockaway",
        "Queens",
        ["Mott Avenue", "Beach 20th Street"],
    ),
    (
        "Sunnyside",
        "Queens",
        ["Queens Boulevard", "Skillman Avenue"],
    ),
    (
        "Bushwick",
        "Brooklyn",
        ["Knickerbocker Avenue", "Wyckoff Avenue"],
    ),
    ("Sunset Park", "Brooklyn", ["Fifth Avenue", "Eighth Avenue"]),
    ("Bay Ridge", "Brooklyn", ["Third Avenue", "86th Street"]),
    (
        "Crown Heights",
        "Brooklyn",
        ["Nostrand Avenue", "Eastern Parkway"],
    ),
    (
        "Red Hook",
        "Brooklyn",
        ["Van Brunt Street", "Columbia Street"],
    ),
    (
        "Greenpoint",
        "Brooklyn",
        ["Manhattan Avenue", "Franklin Street"],
    ),
    ("Flatbush", "Brooklyn", ["Flatbush Avenue", "Church Avenue"]),
    (
        "Bedford-Stuyvesant",
        "Brooklyn",
        ["Fulton Street", "Malcolm X Boulevard"],
    ),
    (
        "Canarsie",
        "Brooklyn",
        ["Rockaway Parkway", "Flatlands Avenue"],
    ),
    (
        "Mott Haven",
        "the Bronx",
        ["Willis Avenue", "East 138th Street"],
    ),
    (
        "Fordham",
        "the Bronx",
        ["Fordham Road", "the Grand Concourse"],
    ),
    (
        "Riverdale",
        "the Bronx",
        ["Riverdale Avenue", "Johnson Avenue"],
    ),
    (
        "Parkchester",
        "the Bronx",
        ["Westchester Avenue", "Castle Hill Avenue"],
    ),
    (
        "Hunts Point",
        "the Bronx",
        ["Hunts Point Avenue", "Southern Boulevard"],
    ),
    (
        "Washington Heights",
        "Manhattan",
        ["St. Nicholas Avenue", "Broadway"],
    ),
    ("Inwood", "Manhattan", ["Dyckman Street", "Broadway"]),
    ("Harlem", "Manhattan", ["Lenox Avenue", "125th Street"]),
    (
        "the Lower East Side",
        "Manhattan",
        ["Delancey Street", "Essex Street"],
    ),
    ("Chinatown", "Manhattan", ["Canal Street", "Mott Street"]),
    (
        "Chelsea",
        "Manhattan",
        ["Eighth Avenue", "West 23rd Street"],
    ),
    (
        "East Harlem",
        "Manhattan",
        ["Lexington Avenue", "116th Street"],
    ),
    (
        "St. George",
        "Staten Island",
        ["Richmond Terrace", "Hyatt Street"],
    ),
    (
        "Stapleton",
        "Staten Island",
        ["Bay Street", "Van Duzer Street"],
    ),
    (
        "Port Richmond",
        "Staten Island",
        ["Port Richmond Avenue", "Castleton Avenue"],
    ),
];
pub(super) const LINES: &[&str] = &[
    "A", "C", "F", "G", "L", "M", "N", "Q", "R", "J", "2", "4", "7",
];
pub(super) const DAYS: &[&str] = &[
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];
pub(super) const CITIES: &[&str] = &[
    "Rotterdam",
    "Lagos",
    "Lisbon",
    "Jakarta",
    "Montevideo",
    "Nairobi",
    "Manila",
    "Copenhagen",
    "Busan",
    "Santos",
    "Durban",
    "Hamburg",
];
pub(super) const INSTS: &[&str] = &[
    "Morningside Polytechnic Institute",
    "the East River Medical Center",
    "the Gowanus Marine Laboratory",
    "the Palisades Climate Observatory",
    "Flatbush University",
    "the Inwood School of Public Health",
];
pub(super) const JOURNALS: &[&str] = &[
    "the Journal of Coastal Systems",
    "Urban Ecology Letters",
    "the Annals of Community Health",
    "Atmospheric Dynamics Quarterly",
    "Estuarine Science Reports",
];
pub(super) const VENUES: &[&str] = &[
    "the Greenpoint Playhouse",
    "the Bowery Lane Theater",
    "the Orchard Street Gallery",
    "the Astoria Music Hall",
    "the Red Hook Pier Theater",
    "the Mott Haven Arts Collective",
    "the Chelsea Loft Gallery",
];
pub(super) const ADJ: &[&str] = &[
    "Quiet",
    "Borrowed",
    "Last",
    "Salt",
    "Winter",
    "Glass",
    "Northern",
    "Unfinished",
    "Crooked",
    "Paper",
    "Bright",
    "Long",
    "Hidden",
    "Tender",
];
pub(super) const NOUN: &[&str] = &[
    "Harbor",
    "Inheritance",
    "Season",
    "Orchard",
    "Tenants",
    "Ferry",
    "Lantern",
    "Weather",
    "Archive",
    "Kitchen",
    "Bridge",
    "Silence",
    "Rooftop",
    "Crossing",
];
pub(super) const QUARTERS: &[&str] = &[
    "first quarter",
    "second quarter",
    "third quarter",
    "fourth quarter",
];

//! World desk story templates (placeholders are listed in `stories/mod.rs`).

use super::{BASE, Fam, Story};

pub(super) static STORIES: &[Story] = &[
    Story {
        fam: Fam::World,
        w: 3,
        sec: &["world"],
        top: &["climate", "waterfront"],
        au: &[8],
        orgs: &["the Coastal Cities Compact"],
        heads: &[
            "Coastal cities meeting in {Ct} pledge {Bn} for flood defenses",
            "At {Ct} summit, port cities compare notes on rising seas",
            "Delegates in {Ct} struggle to agree on who pays for climate adaptation",
        ],
        deks: &[
            "New York sent a delegation to the gathering, which produced a joint statement and plenty of disagreement.",
            "Officials from more than {N} cities traded ideas on seawalls, sponges and managed retreat.",
        ],
        ledes: &[
            "Officials from more than {N} coastal cities gathered in {Ct} this week to share strategies for coping with rising seas, and to press national governments for money to pay for them.",
            "The mayors and planners who met in {Ct} on {D} agree that the water is coming. They do not agree on much else.",
        ],
        body: &[
            "The meeting, organized by {O}, a network of port cities founded a decade ago, ended with a pledge to mobilize about {Bn} in financing for flood protection over the next ten years. Much of that money has yet to be identified.",
            "Delegates from {Ct} led tours of the host city's flood barriers and floating neighborhoods, which have drawn interest from planners around the world.",
            "Smaller and poorer cities argued that the pledges favored places that can already afford expensive engineering, and called for grants rather than loans.",
            "New York officials attended to present the city's plans for lower Manhattan and southeast Queens, and to study designs that might be adapted for the Rockaways.",
        ],
        quotes: &[
            r#""We are not competing with each other. We are competing with the ocean," said {A}, {Ar}."#,
            r#""Every city here has a plan. What most of us do not have is the money," said {B}, {Br}."#,
        ],
        ra: &[
            "the deputy mayor of {Ct}",
            "the secretary general of the Coastal Cities Compact",
        ],
        rb: &[
            "a planning official from a West African port city",
            "a delegate from a Pacific island capital",
        ],
        rc: &[
            "a resilience adviser to New York City",
            "an engineer who studies storm surge barriers",
        ],
        photos: &[
            "Delegates seated in a conference hall in {Ct}|Delegates at the coastal cities meeting in {Ct} on {D}.",
        ],
        ..BASE
    },
    Story {
        fam: Fam::World,
        w: 2,
        sec: &["world"],
        top: &["labor"],
        au: &[8, 3],
        orgs: &["the International Dockworkers Federation"],
        heads: &[
            "Port strike in {Ct} ripples through supply chains as far as New Jersey",
            "Dockworkers in {Ct} walk out over automation plans",
            "Talks to end {Ct} port strike stall as ships wait offshore",
        ],
        deks: &[
            "Importers in the New York region say they are watching closely as container ships idle offshore.",
            "The dispute centers on automated cranes and the jobs they could replace.",
        ],
        ledes: &[
            "Thousands of dockworkers in {Ct} walked off the job on {D}, halting traffic at one of the world's busiest container ports and raising concerns about shipping delays that could reach stores in the New York area within weeks.",
            "Dozens of container ships were waiting outside the port of {Ct} on {D} as a strike by dockworkers stretched into its second week.",
        ],
        body: &[
            "The workers, represented by a coalition of unions affiliated with {O}, are protesting a plan by port operators to install automated cranes and vehicles that they say would eliminate thousands of jobs.",
            "Port operators say automation is needed to remain competitive and have offered retraining and early retirement packages, which union leaders have called inadequate.",
            "Shipping analysts said the effects in the United States would be modest at first but could grow if the strike lasted more than a few weeks, particularly for goods such as furniture and auto parts.",
            "Importers at the port complex in New Jersey said some shipments had already been rerouted.",
        ],
        quotes: &[
            r#""They want the port to run without people. We are the people," said {A}, {Ar}."#,
            r#""A week is an inconvenience. A month is a real problem," said {C}, {Cr}."#,
        ],
        ra: &[
            "a union leader in {Ct}",
            "a spokesperson for the dockworkers' coalition",
        ],
        rb: &["a port operations manager"],
        rc: &[
            "a logistics consultant in New Jersey",
            "a shipping analyst in New York",
        ],
        photos: &[
            "Idle cranes and stacked containers at a port|Cranes stood idle at the port of {Ct} on {D}.",
        ],
        ..BASE
    },
];

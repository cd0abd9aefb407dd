using Portfolio.Core.Frameworks;
using Portfolio.Core.Portfolios;

namespace Portfolio.Web.Pages.Participant.Evidence;

/// <summary>What the _EvidenceContent partial shows: one version of an item and the framework its tags refer to.</summary>
/// <param name="Nested">Shown under a heading of its own (an old version): its section headings go one level down.</param>
/// <param name="Session">The session the item is tied to ("12 mars 2026 — Module 2"), for the owner's page; ties are not part of a revision.</param>
/// <param name="Project">The title of the owner's project the item documents, for the owner's page.</param>
public sealed record EvidenceView(EvidenceContent Content, FrameworkModel Framework, IReadOnlyList<string> SharedWith, bool Nested = false,
    string? Session = null, string? Project = null);

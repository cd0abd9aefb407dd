using Portfolio.Core.Frameworks;
using Portfolio.Core.Portfolios;

namespace Portfolio.Web.Pages.Participant.Evidence;

/// <summary>What the _EvidenceContent partial shows: one version of an item and the framework its tags refer to.</summary>
/// <param name="Nested">Shown under a heading of its own (an old version): its section headings go one level down.</param>
public sealed record EvidenceView(EvidenceContent Content, FrameworkModel Framework, IReadOnlyList<string> SharedWith, bool Nested = false);

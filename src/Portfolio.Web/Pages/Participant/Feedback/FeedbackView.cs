using Portfolio.Core.Frameworks;
using Portfolio.Core.Intervision;

namespace Portfolio.Web.Pages.Participant.Feedback;

/// <summary>What the _FeedbackParts partial shows: a feedback's three parts and levels, named from the framework; <paramref name="IdPrefix"/> keeps ids unique when several are on a page.</summary>
public sealed record FeedbackView(FeedbackContent Content, FrameworkModel Framework, string IdPrefix);

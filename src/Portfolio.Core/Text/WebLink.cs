namespace Portfolio.Core.Text;

/// <summary>
/// "Is this link safe to offer as a link?", answered in one place: an absolute http or https address of reasonable
/// length. Anything else (javascript:, data:, a relative path, a typo) is refused rather than shown as a link.
/// </summary>
public static class WebLink
{
    public const int MaxLength = 2000;

    /// <summary>The address normalised as the browser would send it, or null when it is not a safe web link.</summary>
    public static string? Safe(string? url)
    {
        var trimmed = url?.Trim();
        if (string.IsNullOrEmpty(trimmed) || trimmed.Length > MaxLength
            || !Uri.TryCreate(trimmed, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            return null;
        }
        return uri.AbsoluteUri;
    }

    public static bool IsSafe(string? url) => Safe(url) is not null;
}

using Microsoft.AspNetCore.Http;

namespace Portfolio.Web.Hosting;

/// <summary>
/// A person's attachments and portfolio archives must not be kept by a shared proxy or left in the browser's cache of a
/// shared computer: every download of a private file says so.
/// </summary>
public static class PrivateDownloads
{
    public const string CacheControl = "private, no-store";

    public static void MarkPrivate(this HttpResponse response) => response.Headers.CacheControl = CacheControl;
}

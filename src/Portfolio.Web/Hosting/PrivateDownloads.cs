using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portfolio.Core.Storage;

namespace Portfolio.Web.Hosting;

/// <summary>
/// A person's attachments and portfolio archives must not be kept by a shared proxy or left in the browser's cache of a
/// shared computer: every download of a private file says so.
/// </summary>
public static class PrivateDownloads
{
    public const string CacheControl = "private, no-store";

    public static void MarkPrivate(this HttpResponse response) => response.Headers.CacheControl = CacheControl;

    /// <summary>A stored file as a private download, streamed from the file store; the page has checked who may read it.</summary>
    public static async Task<IActionResult> StoredFileAsync(this PageModel page, FileStore files, Guid storedFileId, string contentType, string fileName)
    {
        var content = await files.OpenReadAsync(storedFileId, page.HttpContext.RequestAborted);
        page.Response.MarkPrivate();
        // Known in advance: the browser shows how much is left, although the bytes come one chunk at a time.
        page.Response.ContentLength = content.Length;
        return page.File(content, contentType, fileName);
    }
}

using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Portfolio.Core.Accounts;

[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace Portfolio.Tests.Infrastructure;

/// <summary>Base of the integration tests: a clean database before each test, and a browser-like client.</summary>
[Collection(DatabaseCollection.Name)]
public abstract class IntegrationTest(PortfolioFactory factory) : IAsyncLifetime
{
    public const string Password = "Test-password-2026";

    protected PortfolioFactory Factory { get; } = factory;

    public Task InitializeAsync() => Factory.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>A client that keeps cookies and does not follow redirects, so tests see them.</summary>
    protected HttpClient NewClient() => Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    protected async Task<AppUser> CreateUserAsync(string email, params string[] roles)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = AppUser.Create(email, "Prénom", email.Split('@')[0], "Organisation test");
        Check(await users.CreateAsync(user, Password));
        Check(await users.AddToRolesAsync(user, roles));
        return user;
    }

    /// <summary>Creates a person with these roles and signs them in through the real sign-in form.</summary>
    protected async Task<HttpClient> SignedInClientAsync(string email, params string[] roles)
    {
        await CreateUserAsync(email, roles);
        var client = NewClient();
        var response = await PostFormAsync(client, "/Account/Login", new() { ["Input.Email"] = email, ["Input.Password"] = Password });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    protected static async Task<IHtmlDocument> GetPageAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url} answered {(int)response.StatusCode}");
        return await ParseAsync(response);
    }

    protected static async Task<IHtmlDocument> ParseAsync(HttpResponseMessage response) =>
        new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());

    /// <summary>Posts a form of the page as a browser would: GET the page, take the antiforgery token of the form, POST.</summary>
    protected static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string url, Dictionary<string, string> fields, string? handler = null, (string Field, string FileName, byte[] Content)? file = null)
    {
        var page = await GetPageAsync(client, url);
        var token = page.QuerySelectorAll("input[name=__RequestVerificationToken]").Select(i => i.GetAttribute("value")).First()!;
        var target = handler is null ? url : $"{url}{(url.Contains('?') ? '&' : '?')}handler={handler}";
        HttpContent content;
        if (file is { } f)
        {
            var multipart = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" } };
            foreach (var (name, value) in fields)
            {
                multipart.Add(new StringContent(value), name);
            }
            multipart.Add(new ByteArrayContent(f.Content), f.Field, f.FileName);
            content = multipart;
        }
        else
        {
            content = new FormUrlEncodedContent(fields.Append(new("__RequestVerificationToken", token)));
        }
        return await client.PostAsync(target, content);
    }

    private static void Check(IdentityResult result) =>
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Description)));
}

using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Portfolio.Core.Accounts;
using Portfolio.Tests.Cohorts;

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

    /// <summary>
    /// Creates a person with these roles. A coordinator manages the programme "cium" of <see cref="CohortBuilder"/>, so
    /// that the cohorts tests build are theirs; tests of other programmes assign people explicitly.
    /// </summary>
    protected async Task<AppUser> CreateUserAsync(string email, params string[] roles)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = AppUser.Create(email, "Prénom", email.Split('@')[0], "Organisation test");
        Check(await users.CreateAsync(user, Password));
        Check(await users.AddToRolesAsync(user, roles));
        if (roles.Contains(Roles.Coordinator))
        {
            await Factory.AssignCoordinatorAsync(user.Id);
        }
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

    /// <summary>
    /// Submits a form of the page as a browser would: GET the page, take every field of the form (hidden ones such as the
    /// antiforgery token and row versions included), put the given values over them, POST to the form's action.
    /// </summary>
    protected static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string url, Dictionary<string, string> fields, string? handler = null,
        (string Field, string FileName, byte[] Content)? file = null, string formSelector = "main form")
    {
        var page = await GetPageAsync(client, url);
        var forms = page.QuerySelectorAll(formSelector).OfType<IHtmlFormElement>().Where(f => f.Method.Equals("post", StringComparison.OrdinalIgnoreCase)).ToList();
        var form = handler is null
            ? forms.First()
            : forms.Single(f => (f.GetAttribute("action") ?? "").Contains($"handler={handler}", StringComparison.OrdinalIgnoreCase));
        var values = FormValues(form);
        values.RemoveAll(v => fields.ContainsKey(v.Key));
        values.AddRange(fields);
        var action = form.GetAttribute("action") is { Length: > 0 } a ? a : url;
        HttpContent content;
        if (file is { } f)
        {
            var multipart = new MultipartFormDataContent();
            foreach (var (name, value) in values)
            {
                multipart.Add(new StringContent(value), name);
            }
            multipart.Add(new ByteArrayContent(f.Content), f.Field, f.FileName);
            content = multipart;
        }
        else
        {
            content = new FormUrlEncodedContent(values);
        }
        return await client.PostAsync(action, content);
    }

    /// <summary>What a browser would submit for this form as it stands: checked boxes, every selected option, hidden fields.</summary>
    protected static List<KeyValuePair<string, string>> FormValues(IHtmlFormElement form)
    {
        var values = new List<KeyValuePair<string, string>>();
        foreach (var element in form.Elements)
        {
            var name = element.GetAttribute("name");
            switch (element)
            {
                case IHtmlInputElement input when name is not null && input.Type is not ("file" or "submit") && (input.Type is not ("checkbox" or "radio") || input.IsChecked):
                    values.Add(new(name, input.Value));
                    break;
                case IHtmlSelectElement select when name is not null:
                    values.AddRange(select.Options.Where(o => o.IsSelected).Select(o => new KeyValuePair<string, string>(name, o.Value)));
                    break;
                case IHtmlTextAreaElement area when name is not null:
                    values.Add(new(name, area.Value));
                    break;
            }
        }
        return values;
    }

    private static void Check(IdentityResult result) =>
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Description)));
}

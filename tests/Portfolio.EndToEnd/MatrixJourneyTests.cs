using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Portfolio.Core.Accounts;
using Portfolio.EndToEnd.Infrastructure;
using Portfolio.Tests.Portfolios;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Portfolio.EndToEnd;

/// <summary>The competency matrix on a phone: the page keeps the phone's width, the grid scrolls in its own box.</summary>
public sealed class MatrixJourneyTests(BrowserFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    private const string Email = "mobile@exemple.be";

    [Fact]
    public async Task The_matrix_fits_a_phone_scrolling_inside_its_box_with_its_header_kept()
    {
        var cohortId = await Fixture.CreateCohortWithCampaignsAsync();
        await using (var scope = Fixture.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var participant = AppUser.Create(Email, "Noémie", "Mobile", "Ville de Namur");
            Assert.True((await users.CreateAsync(participant, Password)).Succeeded);
            Assert.True((await users.AddToRoleAsync(participant, Roles.Participant)).Succeeded);
            await Fixture.EnrolAsync(cohortId, participant.Id);
            var objectives = await Fixture.ObjectivesAsync(cohortId);
            await Fixture.AddEvidenceAsync(participant.Id, cohortId, "Note au collège", [objectives[0].Id]);
        }
        var page = Page;
        await page.SetViewportSizeAsync(390, 844);
        await page.GotoAsync("/Account/Login");
        await page.GetByLabel("Adresse e-mail", new() { Exact = true }).FillAsync(Email);
        await page.GetByLabel("Mot de passe", new() { Exact = true }).FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter", Exact = true }).ClickAsync();
        // On a phone the header's menu is folded: wait for the sign-in page to be left instead.
        await page.WaitForURLAsync(url => !url.Contains("/Account/Login", StringComparison.Ordinal));

        await page.GotoAsync("/Participant/Matrix");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Matrice de compétences");
        var box = page.GetByRole(AriaRole.Region, new() { NameRegex = new Regex("^Matrice de compétences :") });
        await Expect(box).ToBeVisibleAsync();
        await Expect(box.Locator("tr[data-objective='P1.1'] td").Nth(1)).ToHaveTextAsync("1");

        // The page itself is as wide as the phone: only the grid's box is wider inside, and scrolls.
        var wider = await page.EvaluateAsync<string[]>("""
            () => [...document.querySelectorAll("body *")]
                .filter(e => !e.closest(".matrix-scroll") && e.getBoundingClientRect().right > window.innerWidth + 1)
                .map(e => e.tagName + (e.id ? "#" + e.id : "") + "." + e.className + " → " + Math.round(e.getBoundingClientRect().right) + " px")
            """);
        Assert.True(wider.Length == 0, "the page is wider than a 390 px phone:\n" + string.Join("\n", wider));
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), "the page scrolls sideways at 390 px");
        var size = await box.EvaluateAsync<int[]>("b => [b.scrollWidth, b.clientWidth, b.scrollHeight, b.clientHeight]");
        Assert.True(size[0] > size[1], $"the grid ({size[0]} px) does not overflow its box ({size[1]} px)");
        Assert.True(size[2] > size[3], "the grid does not scroll down inside its box");

        // The keyboard reaches the box and scrolls it.
        await box.FocusAsync();
        await Expect(box).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("ArrowRight");
        await page.Keyboard.PressAsync("PageDown");
        await page.Keyboard.PressAsync("PageDown");
        var scrolled = 0;
        for (var i = 0; i < 50 && scrolled == 0; i++)
        {
            scrolled = await box.EvaluateAsync<int>("b => b.scrollTop");
            await Task.Delay(100);
        }
        Assert.True(scrolled > 0, "PageDown did not scroll the focused box");

        // Scrolled down, the header row is still at the top of the box.
        // The jump is instant (no smooth scrolling still under way) and both positions are read in one frame, after it.
        await box.EvaluateAsync("b => { b.style.scrollBehavior = 'auto'; b.scrollTop = b.scrollHeight / 2; return new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r))); }");
        var header = box.GetByRole(AriaRole.Columnheader, new() { Name = "Niveau actuel" });
        await Expect(header).ToBeVisibleAsync();
        var headerBelowBoxTop = await header.EvaluateAsync<double>("h => h.getBoundingClientRect().top - h.closest('.matrix-scroll').getBoundingClientRect().top");
        Assert.True(await box.EvaluateAsync<int>("b => b.scrollTop") > 0, "the box did not scroll");
        Assert.InRange(headerBelowBoxTop, -1, 3);
        await CheckAccessibilityAsync();
    }
}

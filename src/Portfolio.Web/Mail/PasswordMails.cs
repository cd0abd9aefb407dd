using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.Extensions.Localization;
using Portfolio.Core.Accounts;
using Portfolio.Core.Cohorts;
using Portfolio.Core.Data;
using Portfolio.Core.Mail;
using Portfolio.Web.Hosting;

namespace Portfolio.Web.Mail;

/// <summary>
/// The messages that let a person choose a password: an invitation after an enrolment, a reset asked by the person or
/// by an admin. Each carries a new single-use <see cref="PasswordLink"/>, and is written in the person's language.
/// </summary>
public sealed class PasswordMails(PortfolioDb db, Outbox outbox, PublicUrls urls, IStringLocalizer<SharedResource> l, TimeProvider clock)
    : IEnrolmentInvitations
{
    public async Task InviteAsync(Cohort cohort, IReadOnlyList<AppUser> people, CancellationToken cancellationToken)
    {
        if (people.Count == 0)
        {
            return;
        }
        var mails = people.Select(person => Write(person, PasswordLinkPurpose.Invitation, () =>
        (
            l["Invitation au portfolio de la promotion « {0} »", cohort.Name],
            [
                l["Bonjour {0},", person.FirstName],
                l["Vous êtes inscrit·e dans la promotion « {0} ». Votre portfolio vous y attend : auto-évaluations, preuves et réflexions.", cohort.Name],
                l["Pour vous connecter la première fois, choisissez votre mot de passe. Ce lien sert une seule fois et reste valable 7 jours."],
            ],
            l["Choisir mon mot de passe"]
        ))).ToList();
        await outbox.QueueAsync(mails, cancellationToken);
    }

    /// <summary>An account an admin created without a password: the person is invited to choose one.</summary>
    public Task WelcomeAsync(AppUser person, CancellationToken cancellationToken = default) =>
        outbox.QueueAsync([Write(person, PasswordLinkPurpose.Invitation, () =>
        (
            l["Votre compte Portfolio"],
            [
                l["Bonjour {0},", person.FirstName],
                l["Un compte Portfolio a été créé pour vous."],
                l["Pour vous connecter la première fois, choisissez votre mot de passe. Ce lien sert une seule fois et reste valable 7 jours."],
            ],
            l["Choisir mon mot de passe"]
        ))], cancellationToken);

    public Task SendResetAsync(AppUser person, CancellationToken cancellationToken = default) =>
        outbox.QueueAsync([Write(person, PasswordLinkPurpose.Reset, () =>
        (
            l["Réinitialisation de votre mot de passe Portfolio"],
            [
                l["Bonjour {0},", person.FirstName],
                l["Une nouvelle définition de votre mot de passe a été demandée pour votre compte Portfolio."],
                l["Choisissez un nouveau mot de passe par ce lien. Il sert une seule fois et reste valable 7 jours. Si vous n'avez rien demandé, ignorez ce message : votre mot de passe actuel reste valable."],
            ],
            l["Choisir un nouveau mot de passe"]
        ))], cancellationToken);

    /// <summary>Adds a new link for the person to the context and writes its message, in their language.</summary>
    private OutgoingMail Write(AppUser person, PasswordLinkPurpose purpose, Func<(LocalizedString Subject, LocalizedString[] Paragraphs, LocalizedString Action)> text)
    {
        var now = clock.GetUtcNow();
        var (link, token) = PasswordLink.Issue(person.Id, purpose, now);
        db.PasswordLinks.Add(link);
        var url = urls.To("/Account/SetPassword?token=" + Uri.EscapeDataString(token));

        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = PortfolioHosting.CultureFor(person.PreferredLanguage);
        try
        {
            var (subject, paragraphs, action) = text();
            var signature = l["L'équipe Portfolio"];
            var plain = new StringBuilder();
            foreach (var p in paragraphs)
            {
                plain.Append(p.Value).Append("\n\n");
            }
            plain.Append(action.Value).Append(" :\n").Append(url).Append("\n\n").Append(signature.Value).Append('\n');

            var html = HtmlEncoder.Default;
            var body = new StringBuilder($"<!DOCTYPE html><html lang=\"{person.PreferredLanguage}\"><head><meta charset=\"utf-8\"><title>{html.Encode(subject.Value)}</title></head><body>");
            foreach (var p in paragraphs)
            {
                body.Append("<p>").Append(html.Encode(p.Value)).Append("</p>");
            }
            body.Append($"<p><a href=\"{html.Encode(url)}\">{html.Encode(action.Value)}</a></p><p>{html.Encode(signature.Value)}</p></body></html>");

            var key = $"{purpose.ToString().ToLowerInvariant()}:{person.Id}:{link.Id:N}";
            return new OutgoingMail(key, person.Email!, person.DisplayName, subject.Value, plain.ToString(), body.ToString(), now);
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }
}

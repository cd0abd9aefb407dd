using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Portfolio.Web.Pages;

[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
[IgnoreAntiforgeryToken]
public class ErrorModel(IStringLocalizer<SharedResource> l) : PageModel
{
    public string Heading { get; private set; } = "";
    public string Explanation { get; private set; } = "";

    // Without ?status=, the exception handler re-executes this page with the status it chose (400 for a request
    // ASP.NET Core could not read, such as a URL-encoded form holding %00, 500 otherwise).
    public void OnGet(int? status) => Describe(status ?? Response.StatusCode);

    // From the query only: the failed POST's body may be the reason it failed.
    public void OnPost([FromQuery] int? status) => Describe(status ?? Response.StatusCode);

    private void Describe(int? status)
    {
        (Heading, Explanation) = status switch
        {
            404 => (l["Page introuvable"], l["Cette page n'existe pas ou vous n'y avez pas accès."]),
            403 => (l["Accès refusé"], l["Vous n'avez pas accès à cette page."]),
            429 => (l["Trop de tentatives"], l["Trop de demandes sont venues de votre connexion. Attendez quelques minutes avant de réessayer."]),
            400 => (l["Requête invalide"], l["La requête n'a pas pu être traitée : elle contenait peut-être un caractère invisible (NUL) ou un formulaire incomplet. Revenez à la page précédente pour corriger votre saisie."]),
            413 => (l["Envoi trop volumineux"], l["Ce que vous avez envoyé dépasse la taille que le serveur accepte. Revenez à la page précédente : votre texte y est peut-être encore ; retirez les fichiers les plus lourds."]),
            _ => (l["Une erreur est survenue"], l["Nous n'avons pas pu traiter votre demande. Réessayez dans un instant."]),
        };
    }
}

using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace Portfolio.Web.Hosting;

/// <summary>Identity's messages, in the interface's language instead of Identity's built-in English.</summary>
public sealed class FrenchIdentityErrors(IStringLocalizer<SharedResource> l) : IdentityErrorDescriber
{
    private IdentityError Error(string code, string message, params object[] args) => new() { Code = code, Description = l[message, args] };

    public override IdentityError DefaultError() => Error(nameof(DefaultError), "Une erreur inattendue est survenue.");
    public override IdentityError PasswordMismatch() => Error(nameof(PasswordMismatch), "Mot de passe incorrect.");
    public override IdentityError PasswordTooShort(int length) => Error(nameof(PasswordTooShort), "Le mot de passe doit compter au moins {0} caractères.", length);
    public override IdentityError PasswordRequiresDigit() => Error(nameof(PasswordRequiresDigit), "Le mot de passe doit contenir au moins un chiffre.");
    public override IdentityError PasswordRequiresLower() => Error(nameof(PasswordRequiresLower), "Le mot de passe doit contenir au moins une minuscule.");
    public override IdentityError PasswordRequiresUpper() => Error(nameof(PasswordRequiresUpper), "Le mot de passe doit contenir au moins une majuscule.");
    public override IdentityError PasswordRequiresNonAlphanumeric() => Error(nameof(PasswordRequiresNonAlphanumeric), "Le mot de passe doit contenir au moins un caractère spécial.");
    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) => Error(nameof(PasswordRequiresUniqueChars), "Le mot de passe doit contenir au moins {0} caractères différents.", uniqueChars);
    public override IdentityError DuplicateEmail(string email) => Error(nameof(DuplicateEmail), "L'adresse e-mail « {0} » est déjà utilisée.", email);
    public override IdentityError DuplicateUserName(string userName) => Error(nameof(DuplicateUserName), "L'identifiant « {0} » est déjà utilisé.", userName);
    public override IdentityError InvalidEmail(string? email) => Error(nameof(InvalidEmail), "L'adresse e-mail « {0} » n'est pas valide.", email ?? "");
    public override IdentityError InvalidUserName(string? userName) => Error(nameof(InvalidUserName), "L'identifiant « {0} » n'est pas valide.", userName ?? "");
    public override IdentityError UserAlreadyInRole(string role) => Error(nameof(UserAlreadyInRole), "Cette personne a déjà le rôle {0}.", role);
    public override IdentityError UserAlreadyHasPassword() => Error(nameof(UserAlreadyHasPassword), "Ce compte a déjà un mot de passe.");
    public override IdentityError ConcurrencyFailure() => Error(nameof(ConcurrencyFailure), "Ce compte a été modifié entre-temps : rechargez la page.");
}

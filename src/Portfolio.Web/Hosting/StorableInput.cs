using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ModelBinding.Binders;
using Microsoft.AspNetCore.Mvc.ModelBinding.Metadata;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Portfolio.Core.Text;

namespace Portfolio.Web.Hosting;

/// <summary>
/// Every text a form or a query string sends is checked where it is bound, in one place for every page: a control
/// character other than tab and line breaks (a NUL, which PostgreSQL refuses) makes it a field error in the person's
/// language, and the value stays as typed so the form shows it back. Handlers then answer their form as for any other
/// mistake. Lengths are checked by each input's [StringLength], sized from the same constants as the columns.
/// </summary>
public static class StorableInput
{
    public static void AddStorableInput(this MvcOptions options)
    {
        options.ModelBinderProviders.Insert(0, new TextBinderProvider());
        options.Filters.Add(new RefusedSaveFilter());
    }

    private sealed class TextBinderProvider : IModelBinderProvider
    {
        private readonly SimpleTypeModelBinderProvider inner = new();

        public IModelBinder? GetBinder(ModelBinderProviderContext context)
        {
            // Only what the usual string binder would take (form, query, route); a body, header or custom binder keeps its own.
            var source = context.BindingInfo.BindingSource;
            if (context.Metadata.ModelType != typeof(string) || context.BindingInfo.BinderType is not null
                || (source is not null && (source == BindingSource.Body || source == BindingSource.Header || !source.IsFromRequest)))
            {
                return null;
            }
            return inner.GetBinder(context) is { } binder ? new TextBinder(binder) : null;
        }
    }

    private sealed class TextBinder(IModelBinder inner) : IModelBinder
    {
        public async Task BindModelAsync(ModelBindingContext context)
        {
            await inner.BindModelAsync(context);
            if (context.Result.Model is not string text || StorableText.FirstRefused(text) is not { } refused)
            {
                return;
            }
            var l = context.HttpContext.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
            var message = context.ModelMetadata.MetadataKind == ModelMetadataKind.Property
                ? l["Le champ {0} contient un caractère de contrôle invisible ({1}) qui ne peut pas être enregistré : retirez-le.", context.ModelMetadata.GetDisplayName(), StorableText.Name(refused)]
                : l["Un champ contient un caractère de contrôle invisible ({0}) qui ne peut pas être enregistré : retirez-le.", StorableText.Name(refused)];
            context.ModelState.TryAddModelError(context.ModelName, message);
        }
    }

    /// <summary>
    /// The last line: a save the database would refuse (<see cref="TextNotStorableException"/>, thrown before any command
    /// by <c>PortfolioDb</c>) answers the page's form with a message and what the person typed, not an error page.
    /// </summary>
    private sealed class RefusedSaveFilter : IAsyncPageFilter
    {
        public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

        public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
        {
            var executed = await next();
            if (executed.Exception is not TextNotStorableException refused || executed.HandlerInstance is not PageModel page)
            {
                return;
            }
            var l = context.HttpContext.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
            page.ModelState.AddModelError(string.Empty, refused.MaxLength is { } max
                ? l["Un texte dépasse la longueur permise ({0} caractères au plus) : raccourcissez-le. Rien n'a été enregistré.", max]
                : l["Un texte contient un caractère de contrôle invisible qui ne peut pas être enregistré : retirez-le. Rien n'a été enregistré."]);
            executed.ExceptionHandled = true;
            executed.Result = page.Page();
        }
    }
}

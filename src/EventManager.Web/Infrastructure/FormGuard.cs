using System.Text;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Primitives;

namespace EventManager.Web.Infrastructure;

/// <summary>
/// Reads every posted form before MVC does, so what cannot be used gets an answer a person can act on instead of the
/// antiforgery filter's bare 400 ("the form could not be read"):
/// <list type="bullet">
/// <item>control characters (U+0000 and the like; tab and line breaks are kept) are taken out and the fields that held
/// them are named, so the form comes back with a message and nothing is stored;</item>
/// <item>too many fields, a value or a body over the limits, get a 400 or 413 page that says what was too large.</item>
/// </list>
/// </summary>
public static class FormGuard
{
    public const string ProblemItem = "EventManager.FormProblem";
    private const string ControlFieldsItem = "EventManager.ControlCharacterFields";

    public static void UseFormGuard(this WebApplication app) => app.Use(async (context, next) =>
    {
        var request = context.Request;
        // A request already refused (and now re-executed for its error page) is not read again.
        if (!HttpMethods.IsPost(request.Method) || !request.HasFormContentType || context.Items.ContainsKey(ProblemItem)
            || context.Features.Get<IFormFeature>()?.Form is not null)
        {
            await next(context);
            return;
        }

        var endpoint = context.GetEndpoint();
        var bodyLimit = endpoint?.Metadata.GetMetadata<IRequestSizeLimitMetadata>()?.MaxRequestBodySize;
        if (bodyLimit is not null && context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = bodyLimit;
        }

        var options = new FormOptions();
        if (endpoint?.Metadata.GetMetadata<IFormOptionsMetadata>() is { } formLimits)
        {
            options.MultipartBodyLengthLimit = formLimits.MultipartBodyLengthLimit ?? options.MultipartBodyLengthLimit;
            options.ValueCountLimit = formLimits.ValueCountLimit ?? options.ValueCountLimit;
            options.ValueLengthLimit = formLimits.ValueLengthLimit ?? options.ValueLengthLimit;
        }

        try
        {
            // The framework's reader streams the body within the limits (url-encoded and multipart alike); the
            // collection it gives is then cleaned, so nothing is held as one big string.
            IFormCollection form;
            if (request.ContentType!.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
            {
                // Pair by pair: the framework's newer reader refuses a whole body for one NUL, without saying which field held it.
                form = await ReadUrlEncodedAsync(request, options, context.RequestAborted);
            }
            else
            {
                context.Features.Set<IFormFeature>(new FormFeature(request, options));
                form = await request.ReadFormAsync(context.RequestAborted);
            }

            var (clean, controlFields) = WithoutControlCharacters(form);
            context.Features.Set<IFormFeature>(new FormFeature(clean));
            if (controlFields.Count > 0)
            {
                context.Items[ControlFieldsItem] = controlFields;
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            Refuse(context, StatusCodes.Status413PayloadTooLarge, FormProblem.BodyTooLarge, bodyLimit ?? context.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize ?? 0);
            return;
        }
        catch (InvalidDataException e) when (e.Message.Contains("count limit", StringComparison.OrdinalIgnoreCase))
        {
            Refuse(context, StatusCodes.Status400BadRequest, FormProblem.TooManyFields, options.ValueCountLimit);
            return;
        }
        catch (InvalidDataException e) when (e.Message.Contains("Multipart body length", StringComparison.OrdinalIgnoreCase))
        {
            Refuse(context, StatusCodes.Status413PayloadTooLarge, FormProblem.BodyTooLarge, options.MultipartBodyLengthLimit);
            return;
        }
        catch (InvalidDataException e) when (e.Message.Contains("length limit", StringComparison.OrdinalIgnoreCase))
        {
            Refuse(context, StatusCodes.Status400BadRequest, FormProblem.ValueTooLong, options.ValueLengthLimit);
            return;
        }
        catch (Exception e) when (e is InvalidDataException or IOException or BadHttpRequestException or DecoderFallbackException)
        {
            // A body that is not what its Content-Type says (a multipart body without its boundary, a cut-off upload):
            // the 400 page, and one line in the log rather than a stack trace.
            context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(FormGuard))
                .LogInformation("A posted form to {Path} could not be read: {Reason}", request.Path, e.Message);
            Refuse(context, StatusCodes.Status400BadRequest, FormProblem.Unreadable, 0);
            return;
        }

        await next(context);
    });

    private static void Refuse(HttpContext context, int status, FormProblem problem, long limit)
    {
        context.Items[ProblemItem] = (problem, limit);
        context.Response.StatusCode = status;
        // The connection may hold the rest of a body we will not read: do not offer it for the next request.
        context.Response.Headers.Connection = "close";
    }

    private static async Task<FormCollection> ReadUrlEncodedAsync(HttpRequest request, FormOptions options, CancellationToken cancellationToken)
    {
        using var reader = new Microsoft.AspNetCore.WebUtilities.FormReader(request.Body, Encoding.UTF8)
        {
            ValueCountLimit = options.ValueCountLimit,
            KeyLengthLimit = options.KeyLengthLimit,
            ValueLengthLimit = options.ValueLengthLimit,
        };
        return new FormCollection(await reader.ReadFormAsync(cancellationToken));
    }

    /// <summary>The form with control characters taken out of every field (files are left as sent), and the fields that held them.</summary>
    private static (FormCollection Form, List<string> ControlFields) WithoutControlCharacters(IFormCollection form)
    {
        var fields = new Dictionary<string, StringValues>(form.Count, StringComparer.OrdinalIgnoreCase);
        var controlFields = new List<string>();
        foreach (var (key, values) in form)
        {
            var name = WithoutControlCharacters(key);
            var clean = new string?[values.Count];
            for (var i = 0; i < values.Count; i++)
            {
                var value = values[i] ?? "";
                clean[i] = WithoutControlCharacters(value);
                if (clean[i]!.Length != value.Length && !controlFields.Contains(name))
                {
                    controlFields.Add(name);
                }
            }

            fields[name] = fields.TryGetValue(name, out var existing) ? StringValues.Concat(existing, new StringValues(clean)) : new StringValues(clean);
        }

        return (new FormCollection(fields, form.Files), controlFields);
    }

    /// <summary>Tab, line feed and carriage return stay (text areas); every other C0 or C1 control goes.</summary>
    public static string WithoutControlCharacters(string text) =>
        Core.Common.TextNormalization.HasForbiddenControl(text) ? new string(text.Where(c => !Core.Common.TextNormalization.IsForbiddenControl(c)).ToArray()) : text;

    /// <summary>Puts "this field held a control character" beside each such field, so the action returns its form.</summary>
    public sealed class ControlCharacterFilter(IStringLocalizer<SharedResource> t) : IActionFilter
    {
        public void OnActionExecuting(ActionExecutingContext context)
        {
            if (context.HttpContext.Items[ControlFieldsItem] is List<string> names)
            {
                foreach (var name in names)
                {
                    context.ModelState.AddModelError(name, t["This field held an invisible control character (such as U+0000). It has been taken out: check the text and send the form again."]);
                }
            }
        }

        public void OnActionExecuted(ActionExecutedContext context)
        {
        }
    }
}

public enum FormProblem
{
    BodyTooLarge,
    TooManyFields,
    ValueTooLong,
    Unreadable,
}

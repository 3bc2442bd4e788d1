using EventManager.Core.Certificates;
using EventManager.Web.Configuration;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace EventManager.Web.Features.Certificates;

public sealed record VerifyPage(string? Code, Certificate? Certificate, bool FileChecked = false, PrintedFile? File = null)
{
    /// <summary>What the certificate states, as stored when it was issued.</summary>
    public CertificateFacts? Facts => CertificateFacts.Parse(Certificate?.Facts);
}

/// <summary>
/// Anyone holding a certificate can check it: by its code (valid, superseded, revoked or not found, with what it
/// stated when issued), or by bringing the PDF file itself (the very file printed, or not).
/// </summary>
[AllowAnonymous]
public sealed class VerifyController(CertificateService certificates, IStringLocalizer<SharedResource> t) : Controller
{
    /// <summary>A batch of a whole ceremony is a few megabytes; anything far larger is not a certificate file.</summary>
    private const long MaxFileBytes = 30 * 1024 * 1024;

    [HttpGet("/verify")]
    public IActionResult Form(string? code) =>
        string.IsNullOrWhiteSpace(code) ? View("Verify", new VerifyPage(null, null)) : Redirect("/verify/" + Uri.EscapeDataString(code.Trim()));

    [HttpGet("/verify/{code}")]
    public async Task<IActionResult> Verify(string code, CancellationToken cancellationToken)
    {
        var certificate = await certificates.VerifyAsync(code, cancellationToken);
        Response.Headers["X-Robots-Tag"] = "noindex";
        if (certificate is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
        }

        return View("Verify", new VerifyPage(code, certificate));
    }

    [HttpPost("/verify/file")]
    [EnableRateLimiting(WebConfiguration.PublicFormsPolicy)]
    [RequestSizeLimit(MaxFileBytes + 64 * 1024)]
    [RequestFormLimits(MultipartBodyLengthLimit = MaxFileBytes + 64 * 1024)]
    public async Task<IActionResult> VerifyFile(IFormFile? file, CancellationToken cancellationToken)
    {
        Response.Headers["X-Robots-Tag"] = "noindex";
        if (file is null || file.Length == 0)
        {
            ModelState.AddModelError("file", t["Choose the certificate's PDF file."]);
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return View("Verify", new VerifyPage(null, null));
        }

        using var content = new MemoryStream();
        await file.CopyToAsync(content, cancellationToken);
        var match = await certificates.MatchFileAsync(content.ToArray(), cancellationToken);
        return View("Verify", new VerifyPage(null, null, FileChecked: true, File: match));
    }
}

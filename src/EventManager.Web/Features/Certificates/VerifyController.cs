using EventManager.Core.Certificates;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace EventManager.Web.Features.Certificates;

public sealed record VerifyPage(string? Code, Certificate? Certificate);

/// <summary>Anyone holding a certificate can check it: valid, revoked, or not found, and nothing more.</summary>
[AllowAnonymous]
public sealed class VerifyController(CertificateService certificates) : Controller
{
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
}

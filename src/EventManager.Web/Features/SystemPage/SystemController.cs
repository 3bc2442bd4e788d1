using EventManager.Web.Features.Mail;
using EventManager.Web.Configuration;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace EventManager.Web.Features.SystemPage;

/// <summary>What the instance runs on, for the organisers who look after it: where data and mail go, and the tools that
/// are about the whole instance rather than one event (every message, the background jobs).</summary>
public sealed record SystemOverview(DatabaseProvider Database, bool UsesSmtp, string? DropFolder, string JobsDashboard);

[Authorize(Policy = IdentityConfiguration.SystemPolicy)]
public sealed class SystemController(DatabaseSettings database, MailSettings mail) : Controller
{
    [HttpGet("/organiser/system")]
    public IActionResult Index() =>
        View(new SystemOverview(database.Provider, mail.UsesSmtp, mail.UsesSmtp ? null : DropFolderTransport.FolderFor(database), JobsConfiguration.DashboardPath));
}

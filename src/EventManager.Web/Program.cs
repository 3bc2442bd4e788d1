using EventManager.Web.Infrastructure;
using EventManager.Web.Configuration;
using EventManager.Web.Features.Account;
using EventManager.Web.Features.Backups;
using EventManager.Web.Features.Certificates;
using EventManager.Web.Features.Mail;

var builder = WebApplication.CreateBuilder(args);
var database = builder.AddEventManagerData();
builder.AddEventManagerIdentity();
builder.AddEventManagerJobs(database);
builder.AddEventManagerMail();
builder.AddEventManagerWeb();
builder.AddEventManagerPrinting();
builder.AddEventManagerCertificates();
builder.AddEventManagerBackups();

var app = builder.Build();
if (BackupCommand.IsCommand(args))
{
    // Before the database is prepared: a restore must find the folder as the operator left it.
    return await BackupCommand.RunAsync(app.Services, args);
}

await app.PrepareDatabaseAsync();

if (AccountCommand.IsCommand(args))
{
    return await AccountCommand.RunAsync(app.Services, args);
}

app.UseEventManagerPipeline();
app.ScheduleMail();
app.ScheduleBackups();
EventManager.Web.Features.Registrations.Import.ImportRun.Schedule(app);
app.CheckDocumentFonts();
app.ReturnAfterStart();
await app.RunAsync();
return 0;

public partial class Program;

using EventManager.Benchmarks;

// scripts/bench.sh NAME [seconds]: measures, prints its figures, and ends with one JSON line.
var name = args.FirstOrDefault() ?? "";
var seconds = args.Length > 1 && int.TryParse(args[1], out var s) ? s : 20;
return name switch
{
    "registration" => await RegistrationBenchmark.RunAsync(TimeSpan.FromSeconds(seconds)),
    "agenda" => await AgendaBenchmark.RunAsync(TimeSpan.FromSeconds(args.Length > 1 ? seconds : 10)),
    "reminders" => await ReminderBenchmark.RunAsync(TimeSpan.FromSeconds(args.Length > 1 ? seconds : 60)),
    "certificates" => await CertificateBenchmark.RunAsync(TimeSpan.FromSeconds(args.Length > 1 ? seconds : 10)),
    "scale" => await ScaleBenchmark.RunAsync(TimeSpan.FromSeconds(args.Length > 1 ? seconds : 10)),
    "meetings" => MeetingBenchmark.Run(),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: scripts/bench.sh registration|agenda|reminders|certificates|scale|meetings [seconds]");
    return 2;
}

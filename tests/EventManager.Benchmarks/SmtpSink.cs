using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace EventManager.Benchmarks;

/// <summary>
/// A plain SMTP server on loopback that accepts everything and records each message's X-EventManager-Key,
/// so the benchmark can count duplicates and losses. It speaks just enough SMTP for MailKit (EHLO, MAIL, RCPT,
/// DATA, RSET, NOOP, QUIT) and turns Nagle off, as a real mail server does.
/// </summary>
public sealed class SmtpSink : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource stop = new();
    private readonly Task accepting;

    public SmtpSink()
    {
        listener.Start();
        Port = ((IPEndPoint)listener.LocalEndpoint).Port;
        accepting = AcceptAsync();
    }

    public int Port { get; }
    public ConcurrentBag<string> Keys { get; } = [];

    /// <summary>Each message's key with the moment it was accepted (Stopwatch ticks): the rate the sender kept up.</summary>
    public ConcurrentBag<(string Key, long At)> Arrivals { get; } = [];

    private async Task AcceptAsync()
    {
        try
        {
            while (!stop.IsCancellationRequested)
            {
                var client = await listener.AcceptTcpClientAsync(stop.Token);
                client.NoDelay = true;
                _ = Task.Run(() => ServeAsync(client));
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var _ = client;
        await using var stream = client.GetStream();
        using var reader = new StreamReader(stream, Encoding.ASCII);
        await using var writer = new StreamWriter(stream, Encoding.ASCII) { NewLine = "\r\n", AutoFlush = true };
        await writer.WriteLineAsync("220 sink ESMTP");
        while (await reader.ReadLineAsync() is { } line)
        {
            var verb = line.Length >= 4 ? line[..4].ToUpperInvariant() : line.ToUpperInvariant();
            switch (verb)
            {
                case "EHLO":
                    await writer.WriteAsync("250-sink\r\n250 8BITMIME\r\n");
                    break;
                case "DATA":
                    await writer.WriteLineAsync("354 end with .");
                    string? key = null;
                    while (await reader.ReadLineAsync() is { } data && data != ".")
                    {
                        if (key is null && data.StartsWith("X-EventManager-Key:", StringComparison.OrdinalIgnoreCase))
                        {
                            key = data["X-EventManager-Key:".Length..].Trim();
                        }
                    }

                    Keys.Add(key ?? "");
                    Arrivals.Add((key ?? "", System.Diagnostics.Stopwatch.GetTimestamp()));
                    await writer.WriteLineAsync("250 accepted");
                    break;
                case "QUIT":
                    await writer.WriteLineAsync("221 bye");
                    return;
                default:
                    await writer.WriteLineAsync("250 OK");
                    break;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        stop.Cancel();
        listener.Stop();
        await accepting;
    }
}

using System.Runtime.InteropServices;

namespace CleanroomMonitor.Service.Observability;

/// <summary>Reads whether the host clock is synchronised. systemd's own answer (<c>timedatectl show -p NTPSynchronized</c>)
/// is computed from the kernel's <c>adjtimex()</c> maximum error (synchronised below 16 s), which every NTP daemon
/// (chrony, ntpd, systemd-timesyncd) keeps up to date, so this asks the kernel the same question directly: no process to
/// start, and it works in a container without systemd, because the clock is the host kernel's. When adjtimex cannot be
/// called, the marker file systemd-timesyncd writes once synchronised is the fallback.</summary>
internal static partial class HostClock
{
    /// <summary>systemd's threshold (src/basic/time-util.c, ntp_synced): a maximum error of 16 s or more means unsynchronised.</summary>
    private static readonly TimeSpan UnsynchronisedMaxError = TimeSpan.FromSeconds(16);
    private const string TimesyncMarker = "/run/systemd/timesync/synchronized";
    private const int TimeError = 5;   // TIME_ERROR: the clock is not synchronised

    public static ClockStatus Read()
    {
        if (OperatingSystem.IsLinux() && Environment.Is64BitProcess)
        {
            try
            {
                var timex = default(Timex);   // modes = 0: read only, allowed without privileges
                var state = adjtimex(ref timex);
                if (state >= 0)
                {
                    var maxError = TimeSpan.FromMicroseconds(timex.MaxError);
                    var synchronised = state != TimeError && maxError < UnsynchronisedMaxError;
                    var detail = synchronised
                        ? $"maximum error {maxError.TotalSeconds:0.######} s"
                        : $"kernel clock state {state}, maximum error {maxError.TotalSeconds:0.######} s";
                    return new ClockStatus(synchronised, maxError, "adjtimex", detail);
                }
            }
            catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
            {
                // Not glibc: fall through to the marker file.
            }
        }
        return File.Exists(TimesyncMarker)
            ? new ClockStatus(true, null, TimesyncMarker, "systemd-timesyncd reports synchronised")
            : new ClockStatus(null, null, "none", "adjtimex is unavailable and " + TimesyncMarker + " is absent");
    }

    [LibraryImport("libc.so.6", SetLastError = true)]
    private static partial int adjtimex(ref Timex buffer);

    /// <summary>struct timex on 64-bit Linux (glibc): the fields read here and room for the rest (208 bytes; 512 reserved).</summary>
    [StructLayout(LayoutKind.Sequential, Size = 512)]
    private struct Timex
    {
        public uint Modes;
        public long Offset;
        public long Frequency;
        public long MaxError;       // microseconds
        public long EstimatedError;
        public int Status;
    }
}

//! The `khabar` command. All of it lives in the library so that the Python
//! package's console script runs the very same code.

fn main() {
    std::process::exit(khabar_cli::run(std::env::args_os()));
}

// Types for what Vite adds to modules: CSS side-effect imports, import.meta.env.
/// <reference types="vite/client" />
